// The Function App on the Flex Consumption plan (FC1, Linux, Node 22), running the esbuild bundle dist/index.js.
// Everything it reaches, it reaches with the user-assigned managed identity: the deployment package container, the
// host's storage, the product's storage, Cosmos DB, Key Vault references, Application Insights. No app setting holds
// a key, a connection string with a key, or a secret.

import { reconcilerCredential } from '../types.bicep'

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app (one that offers Flex Consumption).')
param location string

@description('Tags for the plan and the app (azd-env-name); the app adds azd-service-name: api.')
param tags object

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the storage account for the host and the product.')
param storageAccountName string

@description('Blob container in that account the platform deploys the app package from.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Cosmos DB account.')
param cosmosAccountName string

@description('Name of the Cosmos DB database (COSMOS_DATABASE).')
param cosmosDatabaseName string

@description('Name of the key vault holding the reconciler credentials.')
param keyVaultName string

@description('Reconciler credentials: for each, the app setting a tenant connection names and the Key Vault secret (or certificate) it resolves to.')
param reconcilerCredentials reconcilerCredential[]

@description('Application (client) id of the API/tab app registration (API_CLIENT_ID).')
param apiClientId string

@description('Application ID URI of the API, api://<tab hostname>/<API_CLIENT_ID> (API_APP_ID_URI).')
param apiAppIdUri string

@description('Hostname of the tab (the static web app): its origin is the one ALLOWED_ORIGINS lets in.')
param tabHostname string

@description('Where the councils\' tenants issue tokens (ENTRA_AUTHORITY_HOST).')
param entraAuthorityHost string

@minValue(1)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int

@description('Six-field NCRONTAB of the weekly licence reconciliation (LICENCE_RECONCILE_SCHEDULE).')
param licenceReconcileSchedule string

@description('Six-field NCRONTAB of the daily risk toleration review (TOLERATION_REVIEW_SCHEDULE).')
param tolerationReviewSchedule string

@description('Storage queue of licence runs (LICENCE_RUN_QUEUE).')
param licenceRunQueue string

@description('Seconds an instance answers the status and KPI dashboard reads from memory (READ_CACHE_SECONDS).')
param readCacheSeconds int

@description('Log level of the app (LOG_LEVEL).')
param logLevel string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

// The Function App's app settings: the one place they are written. tests/infra reads this object, so keep it a flat
// literal, one `NAME: value` a line, and check it against what the code reads (APP_SETTING_NAMES).
var appSettings = {
  // The Functions host's own storage, reached with the identity (no AccountKey anywhere).
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // Telemetry through the host's Application Insights integration, Entra-authenticated (local auth is disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  // The product (shared/config/settings.ts and bot-settings.ts).
  HUB_ENVIRONMENT: 'production'
  AZURE_CLIENT_ID: identity.properties.clientId
  COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  // The product's storage as an identity-based connection: the app's clients and the queue trigger (connection
  // 'HUB_STORAGE') both read it.
  HUB_STORAGE__blobServiceUri: storage.properties.primaryEndpoints.blob
  HUB_STORAGE__queueServiceUri: storage.properties.primaryEndpoints.queue
  HUB_STORAGE__credential: 'managedidentity'
  HUB_STORAGE__clientId: identity.properties.clientId
  ENTRA_AUTHORITY_HOST: entraAuthorityHost
  API_CLIENT_ID: apiClientId
  API_APP_ID_URI: apiAppIdUri
  ALLOWED_ORIGINS: 'https://${tabHostname}'
  LICENCE_RECONCILE_SCHEDULE: licenceReconcileSchedule
  TOLERATION_REVIEW_SCHEDULE: tolerationReviewSchedule
  LICENCE_RUN_QUEUE: licenceRunQueue
  READ_CACHE_SECONDS: string(readCacheSeconds)
  LOG_LEVEL: logLevel
  // The bot is registered as the managed identity (Azure Bot msaAppType UserAssignedMSI): no secret.
  BOT_APP_ID: identity.properties.clientId
  BOT_TENANT_ID: tenant().tenantId
  BOT_CREDENTIAL_KIND: 'managed-identity'
}

// One app setting per partner tenant's reconciler credential, named as the tenant connection names it
// (RECONCILER_<PARTNERSHIP>_<NAME>): a Key Vault reference the host resolves with the user-assigned identity
// (keyVaultReferenceIdentity below). For a certificate the secret is its PEM (private key and certificate).
//
// The names come from an environment value (RECONCILER_CREDENTIALS), so they are held to the rule the tenant
// connections are held to (shared/licences/connection-policy.ts): RECONCILER_, then upper-case letters, digits and
// underscores, at least one. Any other name (BOT_OPENID_METADATA_URL, COSMOS_KEY, a setting the host reads) could
// set or change what the app trusts, so the deployment fails on it, naming it, before any app setting is written
// (fail() in the settings' value). take() and ==, not startsWith(), which ignores case; split() on every allowed
// character leaves nothing but empty strings exactly when the name has no other character.
var reconcilerSettingPrefix = 'RECONCILER_'
var reconcilerSettingAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'
var reconcilerSettingCharacters = map(range(0, length(reconcilerSettingAlphabet)), i => substring(reconcilerSettingAlphabet, i, 1))
var refusedReconcilerSettings = map(filter(reconcilerCredentials, credential => !(length(credential.setting) > length(reconcilerSettingPrefix) && take(credential.setting, length(reconcilerSettingPrefix)) == reconcilerSettingPrefix && empty(join(split(credential.setting, reconcilerSettingCharacters), '')))), credential => credential.setting)
var reconcilerReferences = toObject(
  reconcilerCredentials,
  credential => credential.setting,
  credential => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${credential.secretName})'
)
var reconcilerSettings = empty(refusedReconcilerSettings) ? reconcilerReferences : fail('RECONCILER_CREDENTIALS may only name app settings RECONCILER_<PARTNERSHIP>_<NAME> (upper-case letters, digits and underscores); refused: ${join(refusedReconcilerSettings, ', ')}')

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// The fixed settings come last, so a reconciler credential can never replace one of them.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(reconcilerSettings, appSettings)
}

// azd deploys with a Microsoft Entra token; nobody needs the basic (user name and password) publishing credentials.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = functionApp.name

@description('Default hostname of the Function App.')
output defaultHostname string = functionApp.properties.defaultHostName
