// NatsBridge on Azure Container Apps: a workload-profiles environment, the container app with its secrets taken
// from Key Vault, health probes, and a KEDA `nats-jetstream` scale rule on the lag of the `payments` consumer.
// The function keys the bridge sends are read from each function app's host (its `default` function key) and
// stored in Key Vault here. The bridge calls the internal routes with a managed-identity token (audience
// internalApiAudience) and the function key; it pulls its image with the same identity, no registry password.

@description('Azure region.')
param location string

@description('Container Apps environment name.')
param environmentName string

@description('Container app name.')
param appName string

@description('Log Analytics workspace that receives the environment\'s logs.')
param workspaceName string

@description('Subnet for the environment (delegated to Microsoft.App/environments, /27 or larger), or empty for none.')
param subnetId string = ''

@description('Container image of NatsBridge, pinned by digest: <registry>/nats-bridge@sha256:<digest>.')
param image string

@description('Azure Container Registry in this resource group to pull from; the bridge\'s identity gets AcrPull on it. Empty when registryServer names another registry (grant AcrPull there yourself) or the image is public.')
param acrName string = ''

@description('Login server of an Azure Container Registry elsewhere, pulled from with the bridge\'s identity when acrName is empty (AcrPull granted outside this template), or empty for a public image.')
param registryServer string = ''

@description('Resource id of the bridge\'s user-assigned identity.')
param identityId string

@description('Principal id (object id) of that identity.')
param identityPrincipalId string

@description('Client id of that identity: AZURE_CLIENT_ID, so the bridge requests its tokens as it.')
param identityClientId string

@description('Application ID URI of the internal API app registration (e.g. api://functionsorders-internal); the bridge asks for tokens of <uri>/.default.')
param internalApiAudience string

@description('Key Vault that holds the secrets.')
param keyVaultName string

@description('Versionless URI of the bridge\'s NATS password secret.')
param natsCredentialUri string

@description('Name of OrderFunctions.')
param orderFunctionsName string

@description('Host name of OrderFunctions.')
param orderFunctionsHost string

@description('Name of PaymentFunctions.')
param paymentFunctionsName string

@description('Host name of PaymentFunctions (resolves to its private endpoint inside the virtual network).')
param paymentFunctionsHost string

@description('Non-secret settings shared with the function apps plus the bridge\'s own (Nats__Url, Nats__User, Topology__*, telemetry).')
param sharedSettings object

@description('On SIGTERM the bridge drains within Bridge:ShutdownTimeout (15 s) and the host allows 10 s more; the grace period must exceed both.')
@minValue(30)
@maxValue(600)
param terminationGracePeriodSeconds int = 45

@description('Fewest replicas (0 only with the lag scale rule).')
@minValue(0)
@maxValue(30)
param minReplicas int = 1

@description('Most replicas.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 4

@description('NATS monitoring endpoint (host:port) the scaler reads /jsz from; empty turns the lag rule off.')
param natsMonitoringEndpoint string = ''

@description('Whether that endpoint is HTTPS.')
param natsMonitoringUseHttps bool = false

@description('NATS account of the streams ($G when the server defines no accounts).')
param natsAccount string = '$G'

@description('Name of the ORDERS stream on the server (with the topology prefix, if any).')
param ordersStreamName string = 'ORDERS'

@description('Target lag (num_pending + num_ack_pending of the payments consumer) per replica.')
@minValue(1)
param lagThreshold int = 256

@description('Lag above which the app scales up from zero replicas.')
@minValue(0)
param activationLagThreshold int = 0

@description('Tags of every resource.')
param tags object = {}

var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var port = 8080
var scaleOnLag = !empty(natsMonitoringEndpoint)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(acrName)) {
  name: acrName
}

resource pullImage 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(acrName)) {
  name: guid(resourceId('Microsoft.ContainerRegistry/registries', acrName), identityId, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource orderFunctions 'Microsoft.Web/sites@2024-04-01' existing = {
  name: orderFunctionsName
}

resource paymentFunctions 'Microsoft.Web/sites@2024-04-01' existing = {
  name: paymentFunctionsName
}

// The host's `default` function key of each app. Reading it needs the app's host to answer, which it does once
// the app exists; the value is copied into Key Vault so the bridge reads it by reference.
resource orderFunctionsKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'order-functions-key'
  properties: {
    value: listKeys('${orderFunctions.id}/host/default', '2024-04-01').functionKeys.default
  }
}

resource paymentFunctionsKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'payment-functions-key'
  properties: {
    value: listKeys('${paymentFunctions.id}/host/default', '2024-04-01').functionKeys.default
  }
}

resource readOrderKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(orderFunctionsKey.id, identityId, secretsUserRoleId)
  scope: orderFunctionsKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource readPaymentKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(paymentFunctionsKey.id, identityId, secretsUserRoleId)
  scope: paymentFunctionsKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    vnetConfiguration: empty(subnetId)
      ? null
      : {
          infrastructureSubnetId: subnetId
          internal: true
        }
  }
}

var keyVaultSecrets = [
  {
    name: 'nats-password'
    keyVaultUrl: natsCredentialUri
    identity: identityId
  }
  {
    name: 'order-functions-key'
    keyVaultUrl: orderFunctionsKey.properties.secretUri
    identity: identityId
  }
  {
    name: 'payment-functions-key'
    keyVaultUrl: paymentFunctionsKey.properties.secretUri
    identity: identityId
  }
]

var pullServer = empty(acrName) ? registryServer : registry!.properties.loginServer

// Route names, streams and filters come from the image's appsettings.json; only the targets and keys change here.
var routeEnv = [
  {
    name: 'Bridge__Routes__payments__Url'
    value: 'https://${paymentFunctionsHost}/api/internal/payments'
  }
  {
    name: 'Bridge__Routes__payments__FunctionKey'
    secretRef: 'payment-functions-key'
  }
  {
    name: 'Bridge__Routes__payments__TokenScope'
    value: '${internalApiAudience}/.default'
  }
  {
    name: 'Bridge__Routes__payment-status__Url'
    value: 'https://${orderFunctionsHost}/api/internal/order-events'
  }
  {
    name: 'Bridge__Routes__payment-status__FunctionKey'
    secretRef: 'order-functions-key'
  }
  {
    name: 'Bridge__Routes__payment-status__TokenScope'
    value: '${internalApiAudience}/.default'
  }
  // Each durable consumer is sized for as many replicas as the app may run (max_ack_pending).
  {
    name: 'Bridge__Routes__payments__MaxReplicas'
    value: string(maxReplicas)
  }
  {
    name: 'Bridge__Routes__payment-status__MaxReplicas'
    value: string(maxReplicas)
  }
]

var env = concat(
  [
    {
      // appsettings.json binds to 127.0.0.1:7090; in a container the probes need every interface.
      name: 'Urls'
      value: 'http://+:${port}'
    }
    {
      name: 'Nats__Password'
      secretRef: 'nats-password'
    }
    {
      // Managed-identity tokens (for the internal routes) are requested as this identity.
      name: 'AZURE_CLIENT_ID'
      value: identityClientId
    }
  ],
  map(items(sharedSettings), setting => {
    name: setting.key
    value: setting.value
  }),
  routeEnv
)

resource bridge 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      // Internal only: lets a Prometheus scraper in the environment (or the virtual network) reach /metrics.
      ingress: {
        external: false
        targetPort: port
        transport: 'http'
      }
      secrets: keyVaultSecrets
      registries: empty(pullServer)
        ? []
        : [
            {
              server: pullServer
              identity: identityId
            }
          ]
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'nats-bridge'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: env
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              initialDelaySeconds: 5
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: port
              }
              initialDelaySeconds: 5
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        // Without the lag rule nothing would wake a replica from zero.
        minReplicas: scaleOnLag ? minReplicas : max(minReplicas, 1)
        maxReplicas: maxReplicas
        rules: scaleOnLag
          ? [
              {
                name: 'payments-lag'
                custom: {
                  type: 'nats-jetstream'
                  metadata: {
                    natsServerMonitoringEndpoint: natsMonitoringEndpoint
                    account: natsAccount
                    stream: ordersStreamName
                    consumer: 'payments'
                    lagThreshold: string(lagThreshold)
                    activationLagThreshold: string(activationLagThreshold)
                    useHttps: natsMonitoringUseHttps ? 'true' : 'false'
                  }
                }
              }
            ]
          : []
      }
    }
  }
  dependsOn: [
    readOrderKey
    readPaymentKey
    pullImage
  ]
}

output name string = bridge.name
output internalFqdn string = bridge.properties.configuration.ingress.fqdn
