// FunctionsOrders in one resource group: OrderFunctions and PaymentFunctions (Flex Consumption or Elastic Premium),
// NatsBridge on Container Apps, the payment ledger on Table Storage, secrets in Key Vault, and Application Insights.
// Each component has its own identity. PaymentFunctions, the storage accounts and Key Vault are reached through
// private endpoints; OrderFunctions keeps its public endpoint for the order API.
// Not created here: the NATS cluster, the virtual network and its subnets, the internal API's app registration,
// the bridge's container image, and the payment provider. See docs/deploy-azure.md.

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

@description('Subnet for OrderFunctions\' virtual network integration. Flex Consumption: delegated to Microsoft.App/environments; Elastic Premium: to Microsoft.Web/serverFarms, one subnet per plan.')
param orderFunctionsSubnetId string

@description('Subnet for PaymentFunctions\' virtual network integration (see orderFunctionsSubnetId).')
param paymentFunctionsSubnetId string

@description('Subnet for the Container Apps environment (delegated to Microsoft.App/environments, /27 or larger), in the same virtual network as privateEndpointSubnetId.')
param containerAppsSubnetId string

@description('Subnet for the private endpoints of PaymentFunctions, both storage accounts and Key Vault (no delegation). The private DNS zones created here are linked to its virtual network.')
param privateEndpointSubnetId string

@description('Existing private DNS zones to use instead of creating them here, by zone name, e.g. { \'privatelink.azurewebsites.net\': \'<zone resource id>\' }. They must be linked to the virtual network. Zones: privatelink.azurewebsites.net, privatelink.blob.<storage suffix>, privatelink.table.<storage suffix>, privatelink.vaultcore.azure.net.')
param existingPrivateDnsZoneIds object = {}

@description('Public address ranges (CIDR) allowed through the storage and Key Vault firewalls, e.g. the operator\'s, for package uploads, key rotation and reconciliation; empty turns their public endpoints off.')
param operatorIpRanges string[] = []

@description('Application ID URI of the Entra app registration that stands for the internal API, e.g. api://functionsorders-internal (create it before deploying; see docs/deploy-azure.md).')
param internalApiAudience string

@description('OIDC issuer URL of the customers\' identity provider (Auth:Customers:Authority), e.g. https://login.microsoftonline.com/<tenant>/v2.0.')
param customerAuthority string

@description('Audience of customer tokens (Auth:Customers:Audience).')
param customerAudience string

@description('Key order ids are derived from: base64 of at least 32 random bytes (openssl rand -base64 32). Keep the same value on every deployment: a new key gives new ids.')
@secure()
@minLength(44)
param orderIdKey string

@description('Sustained rate of the order API\'s rate limit, in orders per second (Orders:RateLimit:PerSecond).')
@minValue(1)
param orderRateLimitPerSecond int = 10

@description('Orders the rate limit lets through at once above that rate (Orders:RateLimit:Burst).')
@minValue(1)
param orderRateLimitBurst int = 20

@description('NATS server URL(s), comma-separated, e.g. tls://nats-0.internal:4222,tls://nats-1.internal:4222,tls://nats-2.internal:4222.')
param natsUrl string

@description('NATS user of OrderFunctions.')
param natsOrdersUser string = 'orders'

@description('Password of natsOrdersUser.')
@secure()
param natsOrdersPassword string

@description('NATS user of PaymentFunctions.')
param natsPaymentsUser string = 'payments'

@description('Password of natsPaymentsUser.')
@secure()
param natsPaymentsPassword string

@description('NATS user of NatsBridge.')
param natsBridgeUser string = 'bridge'

@description('Password of natsBridgeUser.')
@secure()
param natsBridgePassword string

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

@description('Partitions of the payment ledger (Payments:Ledger:PartitionCount): each serves up to about 2,000 rows a second, and a batch\'s rows that share one are written in one transaction. Fixed for the life of the ledger table.')
@minValue(1)
@maxValue(256)
param ledgerPartitionCount int = 8

@description('Base URL of the payment provider API (Payments:Provider:BaseUrl).')
param paymentProviderUrl string

@description('Container image of NatsBridge, pinned by digest: <registry>/nats-bridge@sha256:<digest> (a tag can be moved to other content; a digest cannot).')
param bridgeImage string

@description('Azure Container Registry in this resource group holding the bridge image; the bridge\'s identity gets AcrPull on it. Empty for a registry elsewhere (registryServer) or a public image.')
param acrName string = ''

@description('Login server of an Azure Container Registry outside this resource group, pulled from with the bridge\'s identity when acrName is empty (grant the identity AcrPull there), or empty for a public image.')
param registryServer string = ''

@description('Fewest bridge replicas (0 only with the lag scale rule).')
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

@description('Tags of every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var prefix = toLower(namePrefix)
var compactPrefix = replace(prefix, '-', '')

var names = {
  workspace: '${prefix}-logs'
  appInsights: '${prefix}-appi'
  orderStorage: 'sto${take(compactPrefix, 10)}${take(suffix, 10)}'
  paymentStorage: 'stp${take(compactPrefix, 10)}${take(suffix, 10)}'
  keyVault: 'kv${take(compactPrefix, 10)}${take(suffix, 10)}'
  ordersIdentity: '${prefix}-orders-id'
  paymentsIdentity: '${prefix}-payments-id'
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

// One identity per component: each reads only its own secrets and storage.
resource ordersIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.ordersIdentity
  location: location
  tags: tags
}

resource paymentsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.paymentsIdentity
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

var virtualNetworkId = substring(privateEndpointSubnetId, 0, indexOf(toLower(privateEndpointSubnetId), '/subnets/'))
var zoneNames = {
  sites: 'privatelink.azurewebsites.net'
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
}

module dnsZones 'modules/privatednszones.bicep' = {
  name: 'private-dns-zones'
  params: {
    zoneNames: [zoneNames.sites, zoneNames.blob, zoneNames.table, zoneNames.vault]
    existingZoneIds: existingPrivateDnsZoneIds
    virtualNetworkId: virtualNetworkId
    tags: tags
  }
}

module orderStorage 'modules/storage.bicep' = {
  name: 'order-storage'
  params: {
    location: location
    name: names.orderStorage
    skuName: storageSku
    deploymentContainerName: names.orderDeployments
    appPrincipalId: ordersIdentity.properties.principalId
    appIdentityId: ordersIdentity.id
    privateEndpointSubnetId: privateEndpointSubnetId
    privateDnsZoneIds: dnsZones.outputs.zoneIds
    allowedIpRanges: operatorIpRanges
    tags: tags
  }
}

module paymentStorage 'modules/storage.bicep' = {
  name: 'payment-storage'
  params: {
    location: location
    name: names.paymentStorage
    skuName: storageSku
    deploymentContainerName: names.paymentDeployments
    ledgerTableName: ledgerTableName
    appPrincipalId: paymentsIdentity.properties.principalId
    appIdentityId: paymentsIdentity.id
    privateEndpointSubnetId: privateEndpointSubnetId
    privateDnsZoneIds: dnsZones.outputs.zoneIds
    allowedIpRanges: operatorIpRanges
    tags: tags
  }
}

// Each secret is readable by the one identity that uses it.
module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    readers: {
      'nats-orders-password': [ordersIdentity.properties.principalId]
      'nats-payments-password': [paymentsIdentity.properties.principalId]
      'nats-bridge-password': [bridgeIdentity.properties.principalId]
      'order-id-key': [ordersIdentity.properties.principalId]
    }
    secretValues: {
      'nats-orders-password': natsOrdersPassword
      'nats-payments-password': natsPaymentsPassword
      'nats-bridge-password': natsBridgePassword
      'order-id-key': orderIdKey
    }
    privateEndpointSubnetId: privateEndpointSubnetId
    privateDnsZoneId: dnsZones.outputs.zoneIds[zoneNames.vault]
    allowedIpRanges: operatorIpRanges
    tags: tags
  }
}

func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

// Settings every component gets: the same NATS server and the same topology, since each of them ensures the
// streams and the bucket at start.
var sharedSettings = union(
  {
    Nats__Url: natsUrl
    Topology__Replicas: string(topologyReplicas)
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  },
  empty(topologyPrefix) ? {} : { Topology__Prefix: topologyPrefix }
)

// Callers of the internal routes: Entra ID tokens for the internal API's app registration, from the bridge's
// identity only (its object id is the tokens' oid claim). Tokens of either issuer format are accepted.
var internalAuthSettings = {
  Auth__Mode: 'Jwt'
  Auth__Internal__Authority: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  Auth__Internal__ValidIssuers__0: 'https://sts.windows.net/${tenant().tenantId}/'
  Auth__Internal__ValidIssuers__1: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  Auth__Internal__Audience: internalApiAudience
  Auth__Internal__AllowedCallers__0: bridgeIdentity.properties.principalId
}

var ledgerTableName = 'payments'

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
    identityId: ordersIdentity.id
    identityClientId: ordersIdentity.properties.clientId
    storageAccountName: orderStorage.outputs.name
    deploymentContainerUrl: orderStorage.outputs.deploymentContainerUrl
    subnetId: orderFunctionsSubnetId
    // The order API is public; its internal route is held by the identity check and the function key.
    publicNetworkAccess: true
    appSettings: union(sharedSettings, internalAuthSettings, {
      Nats__User: natsOrdersUser
      Nats__Password: keyVaultReference(keyVault.outputs.secretUris['nats-orders-password'])
      Auth__Customers__Authority: customerAuthority
      Auth__Customers__Audience: customerAudience
      Orders__OrderIdKey: keyVaultReference(keyVault.outputs.secretUris['order-id-key'])
      Orders__RateLimit__PerSecond: string(orderRateLimitPerSecond)
      Orders__RateLimit__Burst: string(orderRateLimitBurst)
      FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '1048576'
    })
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
    identityId: paymentsIdentity.id
    identityClientId: paymentsIdentity.properties.clientId
    storageAccountName: paymentStorage.outputs.name
    deploymentContainerUrl: paymentStorage.outputs.deploymentContainerUrl
    subnetId: paymentFunctionsSubnetId
    // Only the bridge calls it: no public endpoint.
    publicNetworkAccess: false
    privateEndpointSubnetId: privateEndpointSubnetId
    privateDnsZoneId: dnsZones.outputs.zoneIds[zoneNames.sites]
    appSettings: union(sharedSettings, internalAuthSettings, {
      Nats__User: natsPaymentsUser
      Nats__Password: keyVaultReference(keyVault.outputs.secretUris['nats-payments-password'])
      Payments__Ledger__Endpoint: paymentStorage.outputs.tableEndpoint
      Payments__Ledger__ClientId: paymentsIdentity.properties.clientId
      Payments__Ledger__TableName: ledgerTableName
      Payments__Ledger__PartitionCount: string(ledgerPartitionCount)
      Payments__Provider__BaseUrl: paymentProviderUrl
      // Batches of up to 64 orders.
      FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '8388608'
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
    acrName: acrName
    registryServer: registryServer
    identityId: bridgeIdentity.id
    identityPrincipalId: bridgeIdentity.properties.principalId
    identityClientId: bridgeIdentity.properties.clientId
    internalApiAudience: internalApiAudience
    keyVaultName: keyVault.outputs.name
    natsCredentialUri: keyVault.outputs.secretUris['nats-bridge-password']
    orderFunctionsName: orderFunctions.outputs.name
    orderFunctionsHost: orderFunctions.outputs.defaultHostName
    paymentFunctionsName: paymentFunctions.outputs.name
    paymentFunctionsHost: paymentFunctions.outputs.defaultHostName
    sharedSettings: union(sharedSettings, {
      Nats__User: natsBridgeUser
    })
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
output orderStorageAccountName string = orderStorage.outputs.name
output paymentStorageAccountName string = paymentStorage.outputs.name
output ledgerTableEndpoint string = paymentStorage.outputs.tableEndpoint
