// NatsBridge on Azure Container Apps: a workload-profiles environment, the container app with its secrets taken
// from Key Vault, health probes, and a KEDA `nats-jetstream` scale rule on the lag of the `payments` consumer.
// The function keys the bridge sends are read from each function app's host (its `default` function key) and
// stored in Key Vault here.

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

@description('Container image of NatsBridge, e.g. myregistry.azurecr.io/nats-bridge:1.0.0.')
param image string

@description('Registry server to log in to, or empty for a public image.')
param registryServer string = ''

@description('Registry user name (with registryServer).')
param registryUsername string = ''

@description('Registry password or token (with registryServer).')
@secure()
param registryPassword string = ''

@description('Resource id and principal id of the bridge\'s user-assigned identity.')
param identityId string
param identityPrincipalId string

@description('Key Vault that holds the secrets.')
param keyVaultName string

@description('Versionless URI of the NATS password secret.')
param natsCredentialUri string

@description('OrderFunctions: app name and host name.')
param orderFunctionsName string
param orderFunctionsHost string

@description('PaymentFunctions: app name and host name.')
param paymentFunctionsName string
param paymentFunctionsHost string

@description('Non-secret settings shared with the function apps (Nats__Url, Nats__User, Topology__*, telemetry).')
param sharedSettings object

@description('On SIGTERM the bridge drains within Bridge:ShutdownTimeout (15 s) and the host allows 10 s more; the grace period must exceed both.')
@minValue(30)
@maxValue(600)
param terminationGracePeriodSeconds int = 45

@minValue(0)
@maxValue(30)
param minReplicas int = 1

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

param tags object = {}

var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var port = 8080
var scaleOnLag = !empty(natsMonitoringEndpoint)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
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

var usesRegistry = !empty(registryServer)

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
    name: 'Bridge__Routes__payment-status__Url'
    value: 'https://${orderFunctionsHost}/api/internal/order-events'
  }
  {
    name: 'Bridge__Routes__payment-status__FunctionKey'
    secretRef: 'order-functions-key'
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
      secrets: usesRegistry
        ? concat(keyVaultSecrets, [
            {
              name: 'registry-password'
              value: registryPassword
            }
          ])
        : keyVaultSecrets
      registries: usesRegistry
        ? [
            {
              server: registryServer
              username: registryUsername
              passwordSecretRef: 'registry-password'
            }
          ]
        : []
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
  ]
}

output name string = bridge.name
output internalFqdn string = bridge.properties.configuration.ingress.fqdn
