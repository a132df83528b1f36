// Key Vault (RBAC mode) holding the secrets the components read through references: the NATS password and the
// ledger's storage connection string. The bridge module adds the function keys to the same vault.

@description('Azure region.')
param location string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Password of the NATS user every component connects as.')
@secure()
param natsPassword string

@description('Storage account whose connection string becomes the ledger secret.')
param storageAccountName string

@description('Principal id and resource id of the function apps\' identity.')
param functionsPrincipalId string
param functionsIdentityId string

@description('Principal id and resource id of the bridge\'s identity.')
param bridgePrincipalId string
param bridgeIdentityId string

param tags object = {}

// Key Vault Secrets User: read secret values. Granted per secret, so each identity reads only what it needs.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource natsPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'nats-password'
  properties: {
    value: natsPassword
  }
}

resource ledgerConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ledger-connection'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource functionsReadNats 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(natsPasswordSecret.id, functionsIdentityId, secretsUserRoleId)
  scope: natsPasswordSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsReadLedger 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ledgerConnectionSecret.id, functionsIdentityId, secretsUserRoleId)
  scope: ledgerConnectionSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource bridgeReadNats 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(natsPasswordSecret.id, bridgeIdentityId, secretsUserRoleId)
  scope: natsPasswordSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: bridgePrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name

// Versionless URIs: a reference follows the secret's latest version.
output natsCredentialUri string = natsPasswordSecret.properties.secretUri
output ledgerConnectionUri string = ledgerConnectionSecret.properties.secretUri
