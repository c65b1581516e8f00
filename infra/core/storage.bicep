// One storage account for the Functions host (AzureWebJobsStorage: timers, queue trigger state, the deployment
// package) and the product (HUB_STORAGE: licence reports, leases, heartbeats, the licence run queue). Shared keys
// are disabled, so nothing can reach it with an account key or a SAS signed by one: the app's identity holds the
// data roles below, and the Function App's settings name the service URIs only.

@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags for the storage account (azd-env-name).')
param tags object

@description('Object (principal) id of the app\'s managed identity, given the blob, queue and table data roles.')
param principalId string

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Storage queues to create (the licence run queue).')
param queueNames string[]

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(storage.id, principalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Blob service URI, e.g. https://<account>.blob.core.windows.net/.')
output blobServiceUri string = storage.properties.primaryEndpoints.blob

@description('Queue service URI.')
output queueServiceUri string = storage.properties.primaryEndpoints.queue

@description('Table service URI.')
output tableServiceUri string = storage.properties.primaryEndpoints.table

@description('Name of the deployment package container.')
output deploymentContainerName string = deploymentContainer.name
