// One function app (.NET isolated worker, Linux) on its own plan: Flex Consumption (FC1) or Elastic Premium (EP1).
// Host storage is identity-based through a user-assigned identity, which also resolves Key Vault references.

@description('Azure region.')
param location string

@description('Function app name (also the host name prefix); globally unique.')
param name string

@description('Plan name.')
param planName string

@description('FlexConsumption (FC1, scales to zero, always-ready instances optional) or ElasticPremium (EP1, always warm).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept running: Flex Consumption always-ready instances of the HTTP group; Elastic Premium minimum instances.')
@minValue(0)
param alwaysReadyInstances int

@description('Flex Consumption: concurrent HTTP requests per instance.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Resource id and client id of the user-assigned identity.')
param identityId string
param identityClientId string

@description('Storage account for AzureWebJobsStorage (and the deployment container on Flex Consumption).')
param storageAccountName string

@description('Blob endpoint of that account, ending in a slash.')
param storageBlobEndpoint string

@description('Flex Consumption: blob container that holds the deployment package.')
param deploymentContainerName string

@description('Subnet for virtual network integration, or empty. Flex Consumption needs delegation to Microsoft.App/environments, Elastic Premium to Microsoft.Web/serverFarms.')
param subnetId string = ''

@description('App settings of this app (configuration keys with __ for :).')
param appSettings object

param tags object = {}

var isFlex = hostingPlan == 'FlexConsumption'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

// Host storage through the identity: no storage key in AzureWebJobsStorage.
var hostStorageSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

// Flex Consumption takes the runtime from functionAppConfig and has no content share. Elastic Premium needs the
// runtime settings and an Azure Files content share, which only takes a key-based connection string.
var premiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
      WEBSITE_CONTENTSHARE: toLower(name)
    }

var settings = union(hostStorageSettings, premiumSettings, appSettings)

var premiumSiteConfig = isFlex
  ? {}
  : {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      ftpsState: 'Disabled'
      minimumElasticInstanceCount: max(alwaysReadyInstances, 1)
      functionAppScaleLimit: maximumInstanceCount
    }

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storageBlobEndpoint}${deploymentContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: 2048
            alwaysReady: alwaysReadyInstances > 0
              ? [
                  {
                    name: 'http'
                    instanceCount: alwaysReadyInstances
                  }
                ]
              : []
            triggers: {
              http: {
                perInstanceConcurrency: httpPerInstanceConcurrency
              }
            }
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    siteConfig: union(
      {
        minTlsVersion: '1.2'
        appSettings: map(items(settings), setting => {
          name: setting.key
          value: setting.value
        })
      },
      premiumSiteConfig
    )
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
