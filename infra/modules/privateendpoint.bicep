// One private endpoint to one sub-resource of a service, registered in its private DNS zone.

@description('Azure region.')
param location string

@description('Private endpoint name.')
param name string

@description('Subnet that holds the endpoint\'s network interface.')
param subnetId string

@description('Resource id of the service the endpoint connects to.')
param serviceId string

@description('Sub-resource (group id): sites, blob, table or vault.')
param groupId string

@description('Private DNS zone that gets the endpoint\'s A record.')
param privateDnsZoneId string

@description('Tags of every resource.')
param tags object = {}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}
