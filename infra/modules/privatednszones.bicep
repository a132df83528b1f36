// Private DNS zones of the private endpoints, linked to the virtual network that holds them. A zone the operator
// already has (for instance in a hub network, linked there) is passed in and not created.

@description('Zone names every private endpoint of the deployment needs.')
param zoneNames string[]

@description('Existing zones to use instead of creating them, by zone name: { \'privatelink.azurewebsites.net\': \'<zone resource id>\' }.')
param existingZoneIds object = {}

@description('Virtual network the created zones are linked to.')
param virtualNetworkId string

@description('Tags of every resource.')
param tags object = {}

var zonesToCreate = filter(zoneNames, zone => !contains(existingZoneIds, zone))

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [
  for zone in zonesToCreate: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for (zone, i) in zonesToCreate: {
    parent: zones[i]
    name: 'vnet-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetworkId
      }
    }
  }
]

@description('Resource id of every zone, by zone name.')
output zoneIds object = union(
  toObject(zonesToCreate, zone => zone, zone => resourceId('Microsoft.Network/privateDnsZones', zone)),
  existingZoneIds
)
