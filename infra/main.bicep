// FunctionsOrders in one resource group: OrderFunctions and PaymentFunctions (Flex Consumption or Elastic Premium),
// NatsBridge on Container Apps, the payment ledger on Table Storage, secrets in Key Vault, and Application Insights.
// Not created here: the NATS cluster, the virtual network and its subnets, the bridge's container image, and the
// payment provider. See docs/deploy-azure.md.

targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short lower-case prefix of resource names (letters and digits).')
@minLength(2)
@maxLength(12)
param namePrefix string

@description('Hosting plan of both function apps.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param functionsPlan string = 'FlexConsumption'

@description('Most instances each function app scales out to.')
@minValue(1)
@maxValue(1000)
param functionsMaximumInstances int = 40

@description('Instances each function app keeps running (Flex Consumption always-ready for the HTTP group; Elastic Premium minimum, at least 1).')
@minValue(0)
@maxValue(20)
param functionsAlwaysReadyInstances int = 1

@description('Flex Consumption: concurrent HTTP requests per instance.')
@minValue(1)
@maxValue(1000)
param functionsHttpPerInstanceConcurrency int = 16

@description('Subnet for OrderFunctions\' virtual network integration, or empty. Flex Consumption: delegated to Microsoft.App/environments; Elastic Premium: to Microsoft.Web/serverFarms, one subnet per plan.')
param orderFunctionsSubnetId string = ''

@description('Subnet for PaymentFunctions\' virtual network integration, or empty (see orderFunctionsSubnetId).')
param paymentFunctionsSubnetId string = ''

@description('Subnet for the Container Apps environment (delegated to Microsoft.App/environments, /27 or larger), or empty.')
param containerAppsSubnetId string = ''

@description('NATS server URL(s), comma-separated, e.g. tls://nats-0.internal:4222,tls://nats-1.internal:4222,tls://nats-2.internal:4222.')
param natsUrl string

@description('NATS user every component connects as.')
param natsUser string

@description('Password of that user.')
@secure()
param natsPassword string

@description('NATS monitoring endpoint (host:port) for the bridge\'s KEDA scale rule, or empty to run a fixed number of bridge replicas.')
param natsMonitoringEndpoint string = ''

@description('Whether the monitoring endpoint is served over HTTPS.')
param natsMonitoringUseHttps bool = false

@description('NATS account of the streams ($G when the server defines no accounts).')
param natsAccount string = '$G'

@description('Replicas of every stream and bucket (Topology:Replicas): 3 on a three-node cluster.')
@allowed([
  1
  3
  5
])
param topologyReplicas int = 3

@description('Topology:Prefix, to share a NATS account with other deployments; empty for none.')
param topologyPrefix string = ''

@description('Base URL of the payment provider API (Payments:Provider:BaseUrl).')
param paymentProviderUrl string

@description('Container image of NatsBridge.')
param bridgeImage string

@description('Registry to log in to for the bridge image, or empty for a public image.')
param registryServer string = ''

@description('Registry user name.')
param registryUsername string = ''

@description('Registry password or token.')
@secure()
param registryPassword string = ''

@minValue(0)
@maxValue(30)
param bridgeMinReplicas int = 1

@description('Most bridge replicas; each route\'s consumer is sized for them (Bridge:Routes:<name>:MaxReplicas).')
@minValue(1)
@maxValue(30)
param bridgeMaxReplicas int = 4

@description('Target lag of the payments consumer per bridge replica.')
@minValue(1)
param bridgeLagThreshold int = 256

@description('Lag above which the bridge scales up from zero (only with bridgeMinReplicas = 0).')
@minValue(0)
param bridgeActivationLagThreshold int = 0

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var prefix = toLower(namePrefix)
var compactPrefix = replace(prefix, '-', '')
var isFlex = functionsPlan == 'FlexConsumption'

var names = {
  workspace: '${prefix}-logs'
  appInsights: '${prefix}-appi'
  storage: 'st${take(compactPrefix, 10)}${take(suffix, 10)}'
  keyVault: 'kv${take(compactPrefix, 10)}${take(suffix, 10)}'
  functionsIdentity: '${prefix}-functions-id'
  bridgeIdentity: '${prefix}-bridge-id'
  orderFunctions: '${prefix}-orders-${take(suffix, 6)}'
  paymentFunctions: '${prefix}-payments-${take(suffix, 6)}'
  orderPlan: '${prefix}-orders-plan'
  paymentPlan: '${prefix}-payments-plan'
  orderDeployments: 'deploy-orders'
  paymentDeployments: 'deploy-payments'
  environment: '${prefix}-cae'
  bridge: '${prefix}-bridge'
}

var ordersStreamName = empty(topologyPrefix) ? 'ORDERS' : '${topologyPrefix}_ORDERS'

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.functionsIdentity
  location: location
  tags: tags
}

resource bridgeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.bridgeIdentity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSku
    containerNames: isFlex ? [names.orderDeployments, names.paymentDeployments] : []
    functionsPrincipalId: functionsIdentity.properties.principalId
    functionsIdentityId: functionsIdentity.id
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    natsPassword: natsPassword
    storageAccountName: storage.outputs.name
    functionsPrincipalId: functionsIdentity.properties.principalId
    functionsIdentityId: functionsIdentity.id
    bridgePrincipalId: bridgeIdentity.properties.principalId
    bridgeIdentityId: bridgeIdentity.id
    tags: tags
  }
}

// Settings every component gets: the same NATS server and the same topology, since each of them ensures the
// streams and the bucket at start.
var sharedSettings = union(
  {
    Nats__Url: natsUrl
    Nats__User: natsUser
    Topology__Replicas: string(topologyReplicas)
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  },
  empty(topologyPrefix) ? {} : { Topology__Prefix: topologyPrefix }
)

var functionsSettings = union(sharedSettings, {
  Nats__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.natsCredentialUri})'
})

module orderFunctions 'modules/functionapp.bicep' = {
  name: 'order-functions'
  params: {
    location: location
    name: names.orderFunctions
    planName: names.orderPlan
    hostingPlan: functionsPlan
    maximumInstanceCount: functionsMaximumInstances
    alwaysReadyInstances: functionsAlwaysReadyInstances
    httpPerInstanceConcurrency: functionsHttpPerInstanceConcurrency
    identityId: functionsIdentity.id
    identityClientId: functionsIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: names.orderDeployments
    subnetId: orderFunctionsSubnetId
    appSettings: functionsSettings
    tags: tags
  }
}

module paymentFunctions 'modules/functionapp.bicep' = {
  name: 'payment-functions'
  params: {
    location: location
    name: names.paymentFunctions
    planName: names.paymentPlan
    hostingPlan: functionsPlan
    maximumInstanceCount: functionsMaximumInstances
    alwaysReadyInstances: functionsAlwaysReadyInstances
    httpPerInstanceConcurrency: functionsHttpPerInstanceConcurrency
    identityId: functionsIdentity.id
    identityClientId: functionsIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: names.paymentDeployments
    subnetId: paymentFunctionsSubnetId
    appSettings: union(functionsSettings, {
      Payments__Ledger__Connection: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.ledgerConnectionUri})'
      Payments__Ledger__TableName: 'payments'
      Payments__Provider__BaseUrl: paymentProviderUrl
    })
    tags: tags
  }
}

module bridge 'modules/bridge.bicep' = {
  name: 'nats-bridge'
  params: {
    location: location
    environmentName: names.environment
    appName: names.bridge
    workspaceName: monitoring.outputs.workspaceName
    subnetId: containerAppsSubnetId
    image: bridgeImage
    registryServer: registryServer
    registryUsername: registryUsername
    registryPassword: registryPassword
    identityId: bridgeIdentity.id
    identityPrincipalId: bridgeIdentity.properties.principalId
    keyVaultName: keyVault.outputs.name
    natsCredentialUri: keyVault.outputs.natsCredentialUri
    orderFunctionsName: orderFunctions.outputs.name
    orderFunctionsHost: orderFunctions.outputs.defaultHostName
    paymentFunctionsName: paymentFunctions.outputs.name
    paymentFunctionsHost: paymentFunctions.outputs.defaultHostName
    sharedSettings: sharedSettings
    minReplicas: bridgeMinReplicas
    maxReplicas: bridgeMaxReplicas
    natsMonitoringEndpoint: natsMonitoringEndpoint
    natsMonitoringUseHttps: natsMonitoringUseHttps
    natsAccount: natsAccount
    ordersStreamName: ordersStreamName
    lagThreshold: bridgeLagThreshold
    activationLagThreshold: bridgeActivationLagThreshold
    tags: tags
  }
}

output orderFunctionsName string = orderFunctions.outputs.name
output orderApiUrl string = 'https://${orderFunctions.outputs.defaultHostName}/api/orders'
output paymentFunctionsName string = paymentFunctions.outputs.name
output bridgeName string = bridge.outputs.name
output bridgeInternalFqdn string = bridge.outputs.internalFqdn
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
