// Links the Function App to the Static Web App: the page calls same-origin /api, SWA proxies it (with the signed-in
// principal) to the Function App, and the link configures the Function App's built-in authentication so that only
// requests forwarded by this Static Web App get through.
param staticSiteName string
param functionAppId string
param location string

resource site 'Microsoft.Web/staticSites@2023-12-01' existing = {
  name: staticSiteName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: site
  name: 'functions'
  properties: {
    backendResourceId: functionAppId
    region: location
  }
}
