// Key Vault (RBAC mode) holding the secrets the components read through references: one NATS password per
// component and the order-id key. The bridge module adds the function keys to the same vault. Each identity may
// read only its own secrets: Key Vault Secrets User is granted per secret, never on the vault. The vault is
// reached through a private endpoint; its public endpoint admits only the operator's address ranges, if any.

@description('Azure region.')
param location string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Names of the secrets to create, each with the principal ids of the identities allowed to read it: { \'nats-orders-password\': [principalId] }.')
param readers object

@description('Values of those secrets, by name.')
@secure()
param secretValues object

@description('Subnet for the private endpoint.')
param privateEndpointSubnetId string

@description('Resource id of the private DNS zone privatelink.vaultcore.azure.net.')
param privateDnsZoneId string

@description('Public address ranges (CIDR) allowed through the firewall, e.g. the operator\'s; empty turns the public endpoint off.')
param allowedIpRanges string[] = []

@description('Tags of every resource.')
param tags object = {}

// Key Vault Secrets User: read secret values.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var secretNames = objectKeys(readers)

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
    // Once on, purge protection cannot be turned off: a deleted vault or secret stays recoverable for the retention period.
    enablePurgeProtection: true
    publicNetworkAccess: empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      // Trusted Azure services only; the apps and the bridge resolve their references through the private
      // endpoint, over their virtual network integration.
      bypass: 'AzureServices'
      ipRules: [
        for range in allowedIpRanges: {
          value: range
        }
      ]
      virtualNetworkRules: []
    }
  }
}

resource secretResources 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secretName in secretNames: {
    parent: vault
    name: secretName
    properties: {
      value: secretValues[secretName]
    }
  }
]

var readGrants = flatten(map(range(0, length(secretNames)), i => map(readers[secretNames[i]], reader => {
  secretIndex: i
  principalId: reader
})))

resource readAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in readGrants: {
    name: guid(vault.id, secretNames[grant.secretIndex], grant.principalId, secretsUserRoleId)
    scope: secretResources[grant.secretIndex]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
      principalId: grant.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

module endpoint 'privateendpoint.bicep' = {
  name: '${name}-vault-pe'
  params: {
    location: location
    name: '${name}-vault-pe'
    subnetId: privateEndpointSubnetId
    serviceId: vault.id
    groupId: 'vault'
    privateDnsZoneId: privateDnsZoneId
    tags: tags
  }
}

output name string = vault.name

// Versionless URIs, by secret name: a reference follows the secret's latest version.
output secretUris object = toObject(secretNames, secretName => secretName, secretName => '${vault.properties.vaultUri}secrets/${secretName}')
