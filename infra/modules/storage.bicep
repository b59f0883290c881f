// The one storage account: the Functions host, the inbox/reports/sources containers, the tables, and the Flex
// Consumption deployment package container. Shared keys are disabled: everything authenticates with Entra ID (RBAC).
param name string
param location string
param tags object
param uploadsContainer string
param reportsContainer string
param sourcesContainer string
param deploymentContainer string
param tablePrefix string
@description('Origins (the dashboard) whose browsers PUT uploads straight into the inbox with a SAS URL.')
param uploadOrigins array

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

// The page uploads files straight to the inbox with a short-lived write-only SAS (POST /api/uploads/{name}/sas), so
// the browser needs CORS for PUT from the dashboard's origin; the SAS, not CORS, is what authorises the write.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: uploadOrigins
          allowedMethods: ['PUT', 'OPTIONS']
          allowedHeaders: ['*']
          exposedHeaders: ['x-ms-request-id', 'etag']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in [uploadsContainer, reportsContainer, sourcesContainer, deploymentContainer]: {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// The app creates its tables at start as well (CreateIfNotExists); declaring them makes them visible from day one.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in ['Influencers', 'Posts', 'Tracking', 'Payouts', 'Facts', 'Uploads', 'Catalog', 'Summaries']: {
  parent: tableService
  name: '${tablePrefix}${table}'
}]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
