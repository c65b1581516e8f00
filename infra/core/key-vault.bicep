// Key Vault for the partner tenants' reconciler credentials (a certificate per council, preferably). RBAC
// authorization only (no access policies); soft delete and purge protection on, so a deleted credential can be
// recovered and nobody can destroy it for good before the retention ends. The app's identity can read secret values
// (a certificate's PEM is its secret) and nothing else; the deploying principal may be given the officer roles to
// upload the certificates.

@description('Name of the key vault (3-24 letters, digits and hyphens).')
param name string

@description('Azure region of the key vault.')
param location string

@description('Tags for the key vault (azd-env-name).')
param tags object

@description('Object (principal) id of the app\'s managed identity, given Key Vault Secrets User.')
param principalId string

@description('Object id of the deploying principal to give Key Vault Certificates Officer and Secrets Officer; empty for none.')
param deployerPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('Kind of the deploying principal.')
param deployerPrincipalType string = 'User'

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret is kept before it is purged; fixed once the vault exists.')
param softDeleteRetentionInDays int = 90

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  keyVaultCertificatesOfficer: 'a4417e6f-fecd-4de8-b567-7b0420556985'
}

var deployerRoles = empty(deployerPrincipalId) ? [] : [roles.keyVaultCertificatesOfficer, roles.keyVaultSecretsOfficer]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in deployerRoles: {
    name: guid(vault.id, deployerPrincipalId, roleId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
    }
  }
]

@description('Name of the key vault.')
output name string = vault.name

@description('URI of the key vault, https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri
