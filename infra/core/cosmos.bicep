// Cosmos DB for NoSQL: the account, the database and every container the code uses
// (shared/stores/cosmos/containers.ts), all partitioned by partnership. Local (key) authentication is disabled:
// the app's identity holds the built-in Data Contributor role, and the app never creates containers in Azure.

@description('Name of the Cosmos DB account (3-44 lower-case letters, digits and hyphens).')
param accountName string

@description('Azure region of the account (a single region: serverless accounts have one).')
param location string

@description('Tags for the account (azd-env-name).')
param tags object

@description('Name of the database (COSMOS_DATABASE).')
param databaseName string

@description('True for a serverless account (pay per request); false for provisioned autoscale throughput shared by the database.')
param serverless bool

@minValue(1000)
@description('With provisioned throughput: the autoscale maximum RU/s shared by every container of the database.')
param autoscaleMaxThroughput int

@description('True for continuous backup with point-in-time restore (7-day tier); false for the default periodic backup.')
param continuousBackup bool

@description('Object (principal) id of the app\'s managed identity, given the built-in Data Contributor role.')
param principalId string

@description('Object id of the deploying principal to give the built-in Data Contributor role as well (to write the first partnership record); empty for none.')
param deployerPrincipalId string = ''

// Every container of shared/stores/cosmos/containers.ts (CONTAINERS); tests/infra checks the two lists match.
var containerNames = [
  'partnerships'
  'plans'
  'bids'
  'risks'
  'applications'
  'catalogue'
  'kpiDefinitions'
  'kpiMeasurements'
  'projects'
  'audit'
  'licenceRuns'
  'licenceFindings'
  'licenceDecisions'
  'licenceExclusions'
  'licenceConfig'
  'hrFeed'
  'incidents'
  'serviceDeskTickets'
  'serviceConfig'
  'conversationReferences'
  'approvers'
  'riskTolerations'
  'riskNotices'
  'riskConfig'
  'postedCards'
]

// PARTITION_KEY_PATH in shared/stores/cosmos/containers.ts: every record belongs to one partnership.
var partitionKeyPath = '/partnershipId'

// Cosmos DB Built-in Data Contributor: read and write items, no control plane (no container creation).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var serverlessCapabilities = [
  {
    name: 'EnableServerless'
  }
]

// Continuous backup is one-way: once on, an account cannot go back to periodic backup.
var continuousBackupPolicy = {
  type: 'Continuous'
  continuousModeProperties: {
    tier: 'Continuous7Days'
  }
}

// The default: a backup every 4 hours, the last two kept, geo-redundant.
var periodicBackupPolicy = {
  type: 'Periodic'
}

// A database with shared throughput holds at most 25 containers; tests/infra checks the list still fits.
var sharedAutoscaleThroughput = {
  autoscaleSettings: {
    maxThroughput: autoscaleMaxThroughput
  }
}

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? serverlessCapabilities : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: continuousBackup ? continuousBackupPolicy : periodicBackupPolicy
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : sharedAutoscaleThroughput
  }
}

// A few at a time: the Cosmos DB control plane turns away many concurrent container creations on one account.
@batchSize(5)
resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for containerName in containerNames: {
    parent: database
    name: containerName
    properties: {
      resource: {
        id: containerName
        partitionKey: {
          paths: [partitionKeyPath]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

// After the containers, and one assignment at a time: concurrent control-plane operations on one account conflict.
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  dependsOn: [
    containers
  ]
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: principalId
    scope: account.id
  }
}

resource deployerDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(deployerPrincipalId)) {
  parent: account
  dependsOn: [
    dataContributor
  ]
  name: guid(account.id, deployerPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: deployerPrincipalId
    scope: account.id
  }
}

@description('Name of the Cosmos DB account.')
output name string = account.name

@description('Endpoint of the account, https://<account>.documents.azure.com:443/ (COSMOS_ENDPOINT).')
output endpoint string = account.properties.documentEndpoint

@description('Name of the database.')
output databaseName string = database.name
