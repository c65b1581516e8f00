// ICT Partnership Hub in Azure: everything `azd up` provisions. Subscription scope, as the azd quickstarts: it
// creates the resource group itself (tagged with the azd environment), so an empty subscription is enough to start
// and `azd down` removes one group whole. Modules: core/ for the shared services, app/ for the three things azd
// and Teams talk to (the Function App, the tab's static web app, the Azure Bot). See docs/deploy.md.

targetScope = 'subscription'

import { reconcilerCredential } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME): names the resource group and seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
@description('Region of every resource but the static web app and the bot (AZURE_LOCATION); it must offer the Flex Consumption plan, e.g. uksouth.')
param location string

@description('Name of the resource group to create; empty for rg-<environment name> (AZURE_RESOURCE_GROUP).')
param resourceGroupName string = ''

@description('Object id of the principal running the deployment (AZURE_PRINCIPAL_ID, set by azd).')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('Kind of the principal running the deployment (AZURE_PRINCIPAL_TYPE, set by azd).')
param principalType string = 'User'

@description('True to give the deploying principal Key Vault Certificates Officer and Secrets Officer, to upload the reconciler certificates (GRANT_DEPLOYER_KEY_VAULT_ACCESS).')
param grantDeployerKeyVaultAccess bool = false

@description('True to give the deploying principal the Cosmos DB Built-in Data Contributor role, to write the partnership record with npm run partnership (GRANT_DEPLOYER_COSMOS_DATA_ACCESS).')
param grantDeployerCosmosDataAccess bool = false

@minLength(36)
@maxLength(36)
@description('Application (client) id of the multi-tenant API/tab app registration made by docs/entra-app-registrations.md (API_CLIENT_ID).')
param apiClientId string

@description('Where the councils\' tenants issue tokens; another host only for a national cloud (ENTRA_AUTHORITY_HOST).')
param entraAuthorityHost string = 'https://login.microsoftonline.com'

@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
@description('Region of the static web app\'s control plane; the tab\'s files are served from the global CDN (STATIC_WEB_APP_LOCATION).')
param staticWebAppLocation string = 'westeurope'

@minValue(1)
@maxValue(1000)
@description('Most instances the Function App scales out to, a ceiling on cost (MAXIMUM_INSTANCE_COUNT).')
param maximumInstanceCount int = 40

@minLength(1)
@description('Name of the Cosmos DB database (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'partnership-hub'

@description('True for a serverless Cosmos DB account; false for autoscale throughput shared by the database (COSMOS_SERVERLESS). Fixed once the account exists.')
param cosmosServerless bool = true

@minValue(1000)
@description('With cosmosServerless false: the autoscale maximum RU/s the containers share (COSMOS_AUTOSCALE_MAX_THROUGHPUT).')
param cosmosAutoscaleMaxThroughput int = 1000

@description('True for Cosmos DB continuous backup with point-in-time restore, 7-day tier; one-way (COSMOS_CONTINUOUS_BACKUP).')
param cosmosContinuousBackup bool = false

@minValue(7)
@maxValue(90)
@description('Days a deleted key vault or secret is kept (purge protection is on); fixed once the vault exists (KEY_VAULT_SOFT_DELETE_RETENTION_DAYS).')
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Reconciler credentials, one per partner tenant: the app setting and the Key Vault secret it resolves to, as JSON (RECONCILER_CREDENTIALS).')
param reconcilerCredentials reconcilerCredential[] = []

@description('Six-field NCRONTAB of the weekly licence reconciliation, UTC (LICENCE_RECONCILE_SCHEDULE).')
param licenceReconcileSchedule string = '0 0 6 * * 1'

@description('Six-field NCRONTAB of the daily risk toleration review, UTC (TOLERATION_REVIEW_SCHEDULE).')
param tolerationReviewSchedule string = '0 0 7 * * *'

@minLength(3)
@maxLength(63)
@description('Storage queue of licence runs; created here (LICENCE_RUN_QUEUE).')
param licenceRunQueue string = 'licence-runs'

@minValue(0)
@maxValue(60)
@description('Seconds an instance answers the status and KPI dashboard reads from memory; 0 turns it off (READ_CACHE_SECONDS).')
param readCacheSeconds int = 5

@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
@description('Log level of the app (LOG_LEVEL).')
param logLevel string = 'info'

@allowed([
  'F0'
  'S1'
])
@description('Pricing tier of the Azure Bot (BOT_SKU).')
param botSku string = 'F0'

@minLength(1)
@maxLength(42)
@description('Name the bot shows in Teams (BOT_DISPLAY_NAME).')
param botDisplayName string = 'ICT Partnership Hub'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var deploymentContainerName = 'app-package'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    deploymentContainerName: deploymentContainerName
    queueNames: [
      licenceRunQueue
    ]
  }
}

module cosmos 'core/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: 'cosno-${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    serverless: cosmosServerless
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    continuousBackup: cosmosContinuousBackup
    principalId: identity.outputs.principalId
    deployerPrincipalId: grantDeployerCosmosDataAccess ? principalId : ''
  }
}

module keyVault 'core/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    deployerPrincipalId: grantDeployerKeyVaultAccess ? principalId : ''
    deployerPrincipalType: principalType
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module tab 'app/tab.bicep' = {
  name: 'tab'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

// Teams single sign-on needs the tab's domain in the API's application ID URI.
var apiAppIdUri = 'api://${tab.outputs.hostname}/${apiClientId}'

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.name
    cosmosDatabaseName: cosmos.outputs.databaseName
    keyVaultName: keyVault.outputs.name
    reconcilerCredentials: reconcilerCredentials
    apiClientId: apiClientId
    apiAppIdUri: apiAppIdUri
    tabHostname: tab.outputs.hostname
    entraAuthorityHost: entraAuthorityHost
    maximumInstanceCount: maximumInstanceCount
    licenceReconcileSchedule: licenceReconcileSchedule
    tolerationReviewSchedule: tolerationReviewSchedule
    licenceRunQueue: licenceRunQueue
    readCacheSeconds: readCacheSeconds
    logLevel: logLevel
  }
}

module bot 'app/bot.bicep' = {
  name: 'bot'
  scope: rg
  params: {
    name: 'bot-${resourceToken}'
    displayName: botDisplayName
    tags: tags
    sku: botSku
    identityClientId: identity.outputs.clientId
    identityResourceId: identity.outputs.id
    tenantId: tenant().tenantId
    functionAppHostname: api.outputs.defaultHostname
  }
}

@description('Region of the resources.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment: the managed identity\'s, the bot\'s and the key vault\'s.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Name of the resource group.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the Function App (the api service).')
output AZURE_FUNCTION_APP_NAME string = api.outputs.name

@description('Base URL of the API: https://<Function App default hostname>; routes are under /api.')
output API_BASE_URL string = 'https://${api.outputs.defaultHostname}'

@description('Name of the static web app (the tab service).')
output AZURE_STATIC_WEB_APP_NAME string = tab.outputs.name

@description('Hostname of the tab, the domain of the Teams app and of the API\'s application ID URI.')
output TAB_HOSTNAME string = tab.outputs.hostname

@description('Base URL of the tab: https://<TAB_HOSTNAME>.')
output TAB_BASE_URL string = 'https://${tab.outputs.hostname}'

@description('Application (client) id of the API/tab app registration, as given.')
output API_CLIENT_ID string = apiClientId

@description('Application ID URI to set on the API app registration: api://<TAB_HOSTNAME>/<API_CLIENT_ID>.')
output API_APP_ID_URI string = apiAppIdUri

@description('Where the councils\' tenants issue tokens, as given (ENTRA_AUTHORITY_HOST): the authority the Function App trusts and the tab signs in with (npm run build:tab:azure).')
output ENTRA_AUTHORITY_HOST string = entraAuthorityHost

@description('Microsoft App ID of the bot: the managed identity\'s client id.')
output BOT_APP_ID string = identity.outputs.clientId

@description('Tenant of the bot\'s identity.')
output BOT_TENANT_ID string = tenant().tenantId

@description('Client id of the user-assigned managed identity (AZURE_CLIENT_ID of the app).')
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Object (principal) id of the user-assigned managed identity.')
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

@description('Name of the key vault for the reconciler credentials.')
output KEY_VAULT_NAME string = keyVault.outputs.name

@description('URI of the key vault.')
output KEY_VAULT_URI string = keyVault.outputs.uri

@description('Endpoint of the Cosmos DB account.')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Name of the Cosmos DB account.')
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.name

@description('Name of the Cosmos DB database.')
output COSMOS_DATABASE string = cosmos.outputs.databaseName

@description('Name of the storage account.')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Name of the Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
