// Storage account used as the function apps' host storage (identity-based), as the Flex Consumption deployment
// store, and for the payment ledger (table `payments`). The ledger client takes a connection string, so shared-key
// access stays enabled; the key only leaves this account through a Key Vault secret.

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

@description('Blob containers to create (the Flex Consumption deployment containers).')
param containerNames string[] = []

@description('Ledger table; must match Payments:Ledger:TableName.')
param ledgerTableName string = 'payments'

@description('Principal id of the identity the function apps use for AzureWebJobsStorage and deployments.')
param functionsPrincipalId string

@description('Resource id of that identity (for a stable role assignment name).')
param functionsIdentityId string

param tags object = {}

// Storage Blob Data Owner: the Functions host keeps its keys and leases in blobs; Flex Consumption reads the
// deployment package from a blob container.
var blobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

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
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// PaymentFunctions also creates it at start when missing; creating it here makes the ledger visible before the
// first deployment of code.
resource ledgerTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = {
  parent: tableService
  name: ledgerTableName
}

resource functionsBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, functionsIdentityId, blobDataOwnerRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataOwnerRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
