// The dashboard (static-web/) on Static Web Apps Standard: the plan that can link a Function App as its /api backend.
param name string
param location string
param tags object
@description('Entra ID app registration the sign-in uses (staticwebapp.config.json reads ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET).')
param entraClientId string
@secure()
param entraClientSecret string

resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // The page is deployed from static-web/ with the SWA CLI or a deployment token (README), not from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

resource settings 'Microsoft.Web/staticSites/config@2023-12-01' = if (!empty(entraClientId)) {
  parent: site
  name: 'appsettings'
  properties: {
    ENTRA_CLIENT_ID: entraClientId
    ENTRA_CLIENT_SECRET: entraClientSecret
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
