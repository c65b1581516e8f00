// The app's one identity: the Function App signs in with it to Storage, Cosmos DB, Key Vault and Application
// Insights, and the Azure Bot is registered as it (msaAppType UserAssignedMSI). User-assigned, so its client id is
// known before the Function App exists and survives the app being replaced.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity (azd-env-name).')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the identity.')
output name string = identity.name

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id of the identity: AZURE_CLIENT_ID, the bot app id.')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity, for role assignments.')
output principalId string = identity.properties.principalId
