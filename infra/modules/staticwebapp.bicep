// The dashboard (static-web/) on Static Web Apps. It only serves the page's files: the page signs people in with
// Entra ID itself (MSAL) and calls the Function App directly with their token, so the Free plan suffices (no linked
// backend: Static Web Apps does not list Flex Consumption among the plans it can link; docs/deploy.md).
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Free', tier: 'Free' }
  properties: {
    // The page is deployed from build/web (scripts/deploy/stage-web.mjs) by azd or the SWA CLI, not from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
