// The Azure Bot registration of the approvals bot, with the Microsoft Teams channel. Its Microsoft App ID is the
// app's user-assigned managed identity (msaAppType UserAssignedMSI), so the bot has no client secret: the Function
// App gets its Bot Connector tokens with that identity (BOT_CREDENTIAL_KIND=managed-identity). The Bot Connector
// delivers activities to /api/messages on the Function App.

@description('Name of the Azure Bot resource (globally unique).')
param name string

@description('Name the bot shows in Teams.')
param displayName string

@description('Tags for the bot (azd-env-name).')
param tags object

@allowed([
  'F0'
  'S1'
])
@description('Pricing tier: F0 (free; unlimited messages on the standard channels, Teams included) or S1.')
param sku string

@description('Client id of the user-assigned managed identity: the bot\'s Microsoft App ID.')
param identityClientId string

@description('Resource id of the user-assigned managed identity.')
param identityResourceId string

@description('Tenant of the managed identity (the deployment tenant).')
param tenantId string

@description('Default hostname of the Function App that serves /api/messages.')
param functionAppHostname string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${functionAppHostname}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: identityResourceId
    // No channel keys (Direct Line, Web Chat secrets): Teams reaches the bot through the Bot Connector only.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Name of the Azure Bot resource.')
output name string = bot.name

@description('Messaging endpoint the Bot Connector calls.')
output endpoint string = bot.properties.endpoint
