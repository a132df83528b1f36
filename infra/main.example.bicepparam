// Example parameters: copy, fill in, and deploy with
//   az deployment group create -g <resource group> --parameters infra/<your file>.bicepparam
// Secrets come from environment variables, so the file itself holds none.
using './main.bicep'

param namePrefix = 'fnorders'
param functionsPlan = 'FlexConsumption'

// The three nodes of the JetStream cluster, on private addresses of the virtual network.
param natsUrl = 'nats://10.20.1.4:4222,nats://10.20.1.5:4222,nats://10.20.1.6:4222'
param natsUser = 'functions-orders'
param natsPassword = readEnvironmentVariable('NATS_PASSWORD')
param natsMonitoringEndpoint = '10.20.1.4:8222'
param topologyReplicas = 3

param paymentProviderUrl = 'https://payments.example.com'

param bridgeImage = 'fnordersacr.azurecr.io/nats-bridge:1.0.0'
param registryServer = 'fnordersacr.azurecr.io'
param registryUsername = readEnvironmentVariable('REGISTRY_USERNAME', '')
param registryPassword = readEnvironmentVariable('REGISTRY_PASSWORD', '')

// Subnets of the virtual network the NATS nodes live in.
param orderFunctionsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/orders-functions'
param paymentFunctionsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/payments-functions'
param containerAppsSubnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/container-apps'
