// One function app (.NET isolated worker, Linux) on its own plan: Flex Consumption (FC1) or Elastic Premium (EP1).
// Host storage is identity-based through the app's own user-assigned identity, which also resolves Key Vault
// references. HTTPS only, TLS 1.2, no FTP, no basic-auth publishing; optionally private (no public endpoint, a
// private endpoint in the virtual network instead).

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

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('The app\'s own storage account, for AzureWebJobsStorage and the deployment package.')
param storageAccountName string

@description('URL of the blob container that holds the deployment package (Flex Consumption: the deployment storage; Elastic Premium: the package the app runs from, <container URL>/<app name>.zip).')
param deploymentContainerUrl string

@description('Whether the app answers on its public endpoint. When false, it is reached only through its private endpoint.')
param publicNetworkAccess bool = true

@description('Subnet for the private endpoint (with publicNetworkAccess false).')
param privateEndpointSubnetId string = ''

@description('Resource id of the private DNS zone privatelink.azurewebsites.net (with publicNetworkAccess false).')
param privateDnsZoneId string = ''

@description('Subnet for virtual network integration, or empty. Flex Consumption needs delegation to Microsoft.App/environments, Elastic Premium to Microsoft.Web/serverFarms.')
param subnetId string = ''

@description('App settings of this app (configuration keys with __ for :).')
param appSettings object

@description('Tags of every resource.')
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

// Flex Consumption takes the runtime from functionAppConfig and its package from the deployment storage. Elastic
// Premium needs the runtime settings; by default it also gets an Azure Files content share, whose connection takes
// only a storage key. The account has shared keys off, so the app gets no content share and runs from a package
// blob instead, fetched with its identity.
var premiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${deploymentContainerUrl}/${name}.zip'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
    }

var settings = union(hostStorageSettings, premiumSettings, appSettings)

var premiumSiteConfig = isFlex
  ? {}
  : {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minimumElasticInstanceCount: max(alwaysReadyInstances, 1)
      functionAppScaleLimit: maximumInstanceCount
      // Key Vault references and the package fetch go through the virtual network (Flex Consumption always
      // routes outbound traffic through its integration).
      vnetRouteAllEnabled: !empty(subnetId)
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
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
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
        scmMinTlsVersion: '1.2'
        ftpsState: 'Disabled'
        appSettings: map(items(settings), setting => {
          name: setting.key
          value: setting.value
        })
      },
      premiumSiteConfig
    )
  }
}

// No FTP and no basic-auth (user name and password) publishing, on every plan: deployments authenticate with
// Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

module endpoint 'privateendpoint.bicep' = if (!publicNetworkAccess) {
  name: '${name}-sites-pe'
  params: {
    location: location
    name: '${name}-sites-pe'
    subnetId: privateEndpointSubnetId
    serviceId: app.id
    groupId: 'sites'
    privateDnsZoneId: privateDnsZoneId
    tags: tags
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
