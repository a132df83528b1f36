// Example parameters: copy, fill in, and deploy with
//   az deployment group create -g <resource group> --parameters infra/<your file>.bicepparam
// Secrets come from environment variables, so the file itself holds none.
using './main.bicep'

param namePrefix = 'fnorders'
param functionsPlan = 'FlexConsumption'

// One virtual network (10.20.0.0/16) that also holds the NATS nodes (10.20.1.0/24). See docs/deploy-azure.md.
param orderFunctionsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/orders-functions'
param paymentFunctionsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/payments-functions'
param containerAppsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/container-apps'
param privateEndpointSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/private-endpoints'
// The operator's public address, for package uploads, key rotation and reconciliation; [] for none.
param operatorIpRanges = ['203.0.113.10/32']

// Callers of the internal routes and customers of the order API.
param internalApiAudience = 'api://functionsorders-internal'
param customerAuthority = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
param customerAudience = 'api://functionsorders-orders'
// openssl rand -base64 32, once; the same value on every deployment.
param orderIdKey = readEnvironmentVariable('ORDER_ID_KEY')

// The three nodes of the JetStream cluster, on private addresses of the virtual network; one user per component.
param natsUrl = 'nats://10.20.1.4:4222,nats://10.20.1.5:4222,nats://10.20.1.6:4222'
param natsOrdersUser = 'orders'
param natsOrdersPassword = readEnvironmentVariable('NATS_ORDERS_PASSWORD')
param natsPaymentsUser = 'payments'
param natsPaymentsPassword = readEnvironmentVariable('NATS_PAYMENTS_PASSWORD')
param natsBridgeUser = 'bridge'
param natsBridgePassword = readEnvironmentVariable('NATS_BRIDGE_PASSWORD')
param natsMonitoringEndpoint = '10.20.1.4:8222'
param topologyReplicas = 3

param paymentProviderUrl = 'https://payments.example.com'

// Pinned by digest; the bridge pulls it with its identity (AcrPull on this registry).
param bridgeImage = 'fnordersacr.azurecr.io/nats-bridge@sha256:0000000000000000000000000000000000000000000000000000000000000000'
param acrName = 'fnordersacr'
