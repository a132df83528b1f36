// Storage account of one function app: its host storage (identity-based), its deployment container, and for
// PaymentFunctions the payment ledger (table `payments`). Each app has its own account, so one app's identity
// never reaches the other's host keys (kept by the host in `azure-webjobs-secrets`). Shared keys are off: every
// caller authenticates with Entra ID. The account is reached through private endpoints; the public endpoint
// admits only the operator's address ranges, if any.

@description('Azure region.')
param location string

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Replication: Standard_ZRS where the region has zones, else Standard_LRS.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container holding the app\'s deployment package.')
param deploymentContainerName string

@description('Ledger table to create, with Storage Table Data Contributor on it for the app\'s identity; empty for none. Must match Payments:Ledger:TableName.')
param ledgerTableName string = ''

@description('Principal id of the app\'s identity (AzureWebJobsStorage, deployment package, ledger).')
param appPrincipalId string

@description('Resource id of that identity (for stable role assignment names).')
param appIdentityId string

@description('Subnet for the private endpoints.')
param privateEndpointSubnetId string

@description('Private DNS zone ids by zone name (privatelink.blob.<suffix>, privatelink.table.<suffix>).')
param privateDnsZoneIds object

@description('Public address ranges (CIDR) allowed through the firewall, e.g. the operator\'s, for deployments and reconciliation; empty for none.')
param allowedIpRanges string[] = []

@description('Tags of every resource.')
param tags object = {}

// Storage Blob Data Owner: the Functions host creates and uses its own containers (azure-webjobs-hosts,
// azure-webjobs-secrets), so it needs the role on the account, not on one container. The account holds this
// app's data only.
var blobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Table Data Contributor, on the ledger table only.
var tableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var hasLedger = !empty(ledgerTableName)

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      ipRules: [
        for range in allowedIpRanges: {
          value: range
          action: 'Allow'
        }
      ]
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = if (hasLedger) {
  parent: account
  name: 'default'
}

// PaymentFunctions also creates it at start when missing; creating it here lets the role be scoped to it.
resource ledgerTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = if (hasLedger) {
  parent: tableService
  name: hasLedger ? ledgerTableName : 'none'
}

resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentityId, blobDataOwnerRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataOwnerRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appLedgerContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasLedger) {
  name: guid(ledgerTable.id, appIdentityId, tableDataContributorRoleId)
  scope: ledgerTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributorRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

var blobZone = 'privatelink.blob.${environment().suffixes.storage}'
var tableZone = 'privatelink.table.${environment().suffixes.storage}'

module blobEndpoint 'privateendpoint.bicep' = {
  name: '${name}-blob-pe'
  params: {
    location: location
    name: '${name}-blob-pe'
    subnetId: privateEndpointSubnetId
    serviceId: account.id
    groupId: 'blob'
    privateDnsZoneId: privateDnsZoneIds[blobZone]
    tags: tags
  }
}

module tableEndpoint 'privateendpoint.bicep' = if (hasLedger) {
  name: '${name}-table-pe'
  params: {
    location: location
    name: '${name}-table-pe'
    subnetId: privateEndpointSubnetId
    serviceId: account.id
    groupId: 'table'
    privateDnsZoneId: privateDnsZoneIds[tableZone]
    tags: tags
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
