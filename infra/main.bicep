// HealthKart influencer ROI: everything the app needs in one resource group. docs/deploy.md walks through it.
//
// With the Azure Developer CLI:  azd up   (azure.yaml: provision this template, deploy the Function App and the page,
//                                          then scripts/deploy/postdeploy.sh subscribes Event Grid to the blob trigger)
// With the Azure CLI:            az deployment group create -g RG -f infra/main.bicep -p infra/main.bicepparam,
//                                then the code, the page and the same postdeploy.sh (docs/deploy.md, "Without azd").
//
// The Event Grid subscription is the only thing created after the code: its webhook key exists only once the host
// runs. It is made by the post-deploy script alone, which touches nothing else, so no step re-applies this template
// (and with it the Static Web App) after the code deploy.

targetScope = 'resourceGroup'

@description('Short lowercase name the resource names derive from (3-11 letters or digits).')
@minLength(3)
@maxLength(11)
param name string = 'hkroi'

param location string = resourceGroup().location

@description('Static Web Apps is offered in a few regions only (e.g. eastasia, westeurope, centralus, eastus2, westus2).')
param staticWebAppLocation string = 'eastasia'

param tags object = { app: 'healthkart-influencer-roi' }

@description('HMAC key of user_id pseudonyms (Privacy__UserIdKey). Keep it stable: changing it changes every pseudonym ingested afterwards.')
@secure()
param userIdKey string

@description('Id of the signing key of shared links (Links__Keys__0__Id).')
param linkKeyId string = 'k1'

@description('Secret of the signing key of shared links, 32+ characters (Links__Keys__0__Secret).')
@secure()
param linkSigningSecret string

@description('During a rotation: the previous key, still accepted for the links\' lifetime (Links__Keys__1__*). Empty otherwise.')
param previousLinkKeyId string = ''

@secure()
param previousLinkSigningSecret string = ''

@description('Six-field cron (UTC) of the weekly summary e-mail. Required in Azure: the timer trigger reads %WeeklySummary:Schedule%.')
param weeklySummarySchedule string = '0 30 2 * * 1'

param weeklySummarySkipEmptyWeeks bool = false

@description('SMTP relay (empty: the weekly e-mail is previewed but not sent).')
param smtpHost string = ''
param smtpPort int = 587
@allowed(['None', 'StartTls', 'SslOnConnect'])
param smtpSecurity string = 'StartTls'
param smtpUserName string = ''
@secure()
param smtpPassword string = ''
param smtpFrom string = ''
@description('Recipients of the weekly summary.')
param smtpTo array = []

@description('Application (client) id of the Entra ID app registration people sign in to and the API accepts tokens for (docs/deploy.md, step 1).')
@minLength(36)
@maxLength(36)
param entraClientId string

@description('Tenant whose accounts may sign in (HealthKart\'s). Default: the deployment\'s tenant.')
param entraTenantId string = tenant().tenantId

param uploadsContainer string = 'uploads'
param reportsContainer string = 'reports'
param sourcesContainer string = 'sources'
param tablePrefix string = 'hk'

@description('Flex Consumption scale-out limit and instance size.')
param maximumInstanceCount int = 40
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('st${name}${suffix}', 24)
var functionAppName = 'func-${name}-${suffix}'
var deploymentContainer = 'app-package'
var eventGridTopicName = 'evgt-${storageName}'

// Paths App Service Authentication lets through without a token (every other path answers 401 before the host):
// the blob extension's webhook, which Event Grid calls with the blobs_extension system key, and the functions that are
// public by design (src/HealthKart.Functions/PublicFunctions.cs): liveness, the API contract and the signed links, one exact path per
// report and format so the list holds whether the platform matches paths exactly or by prefix. The Infra tests keep
// sharedReports equal to the app's report catalog.
var sharedReports = ['summary', 'influencers', 'top', 'poor', 'campaigns', 'platforms', 'categories', 'personas', 'products', 'brands', 'genders', 'tiers', 'timeseries', 'customers', 'insights', 'plan', 'data-quality', 'full', 'tracking']
var excludedPaths = concat(
  ['/runtime/webhooks/blobs', '/api/health', '/api/openapi.json'],
  flatten(map(sharedReports, report => ['/api/shared/${report}.csv', '/api/shared/${report}.xlsx'])))

module web 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  params: {
    name: 'swa-${name}-${suffix}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
  }
}

var dashboardUrl = 'https://${web.outputs.defaultHostname}'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    tags: tags
    uploadsContainer: uploadsContainer
    reportsContainer: reportsContainer
    sourcesContainer: sourcesContainer
    deploymentContainer: deploymentContainer
    tablePrefix: tablePrefix
    uploadOrigins: [dashboardUrl]
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${name}-${suffix}'
    location: location
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('kv-${name}-${suffix}', 24)
    location: location
    tags: tags
    userIdKey: userIdKey
    linkSigningSecret: linkSigningSecret
    previousLinkSigningSecret: previousLinkSigningSecret
    smtpPassword: smtpPassword
  }
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
  dependsOn: [storage]
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: take('kv-${name}-${suffix}', 24)
  dependsOn: [vault]
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// The site is created without app settings: its system-assigned identity must exist, and get its roles, before the
// settings with Key Vault references arrive (functionAppSettings below depends on the role assignments).
resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The page (another origin) calls the API with a bearer token, never a cookie, so no credentials are allowed.
      cors: {
        allowedOrigins: [dashboardUrl]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.outputs.blobEndpoint}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// Built-in roles: the host and the app use blobs (inbox, reports, sources, host locks and keys, the deployment
// package), tables (every store) and queues (the blob trigger's poison queue).
var storageRoles = [
  { name: 'Storage Blob Data Owner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' }
  { name: 'Storage Table Data Contributor', id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' }
  { name: 'Storage Queue Data Contributor', id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' }
]

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storageAccount.id, functionApp.id, role.id)
  scope: storageAccount
  properties: {
    description: '${role.name} for the Function App identity'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, functionApp.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: keyVault
  properties: {
    description: 'Key Vault Secrets User for the Function App identity (Key Vault references)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

var keyVaultRef = '@Microsoft.KeyVault(SecretUri={0})'

// Every setting of local.settings.sample.json, named as the app reads it (the Infra tests check this list).
// No account key or connection string: storage is the managed identity's (AzureWebJobsStorage__accountName),
// secrets are Key Vault references. FUNCTIONS_WORKER_RUNTIME is not a setting on Flex (functionAppConfig.runtime).
var rotationSettings = empty(previousLinkKeyId) ? {} : {
  Links__Keys__1__Id: previousLinkKeyId
  Links__Keys__1__Secret: format(keyVaultRef, vault.outputs.previousLinkSecretUri)
}

var appSettings = union({
  AzureWebJobsStorage__accountName: storageName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  Uploads__Container: uploadsContainer
  Uploads__MaxFileBytes: '2147483648'
  Uploads__MaxHttpBodyBytes: '104857600'
  Uploads__SasMinutes: '15'
  Reports__Container: reportsContainer
  Sources__Container: sourcesContainer
  TrackingExport__XlsxRowLimit: '1048576'
  Tables__Prefix: tablePrefix
  Ingestion__MaxListedIssues: '1000'
  Ingestion__Parallelism: '16'
  Ingestion__MaxAttempts: '5'
  WeeklySummary__Schedule: weeklySummarySchedule
  WeeklySummary__SkipEmptyWeeks: string(weeklySummarySkipEmptyWeeks)
  WeeklySummary__LinkHours: '168'
  WeeklySummary__ClaimTimeoutMinutes: '15'
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__Security: smtpSecurity
  Smtp__UserName: smtpUserName
  Smtp__Password: empty(smtpPassword) ? '' : format(keyVaultRef, vault.outputs.smtpSecretUri)
  Smtp__From: smtpFrom
  Smtp__To: join(smtpTo, ';')
  Privacy__PseudonymizeUserIds: 'true'
  Privacy__UserIdKey: format(keyVaultRef, vault.outputs.userIdKeyUri)
  Links__Keys__0__Id: linkKeyId
  Links__Keys__0__Secret: format(keyVaultRef, vault.outputs.linkSigningSecretUri)
  // Signed links (the page's downloads, the e-mail's links) point at the Function App itself: no proxy in between
  // caps how long a large export may take, and App Service Authentication lets /api/shared/* through.
  Links__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
}, rotationSettings)

// Key Vault references resolve when the settings are applied, so they are applied only once the identity holds
// Key Vault Secrets User (and its storage roles): Microsoft's "Azure Resource Manager deployment" sequence for
// references. Should a reference still not resolve (role propagation), the app refuses to start naming the setting
// and postdeploy.sh refreshes the references, bounded.
resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
  dependsOn: [keyVaultSecretsUser, storageRoleAssignments]
}

// App Service Authentication (Entra ID) in front of the host: a request without a valid token for this app
// registration gets 401 before any function runs, except on excludedPaths. The page sends the signed-in user's token;
// machine clients send an app-only token for the same audience (docs/deploy.md, "Who gets in").
resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: excludedPaths
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [entraClientId, 'api://${entraClientId}']
        }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

// The system topic exists from provisioning (as in Microsoft's Event Grid blob quickstart); its subscription to the
// blob extension's webhook is created by scripts/deploy/postdeploy.sh once the code runs.
resource eventGridTopic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: eventGridTopicName
  location: location
  tags: tags
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// azd stores these as environment values; scripts/deploy/*.{sh,mjs} read them (docs/deploy.md shows how without azd).
output AZURE_FUNCTION_APP_NAME string = functionApp.name
output API_BASE_URL string = 'https://${functionApp.properties.defaultHostName}/api'
output DASHBOARD_URL string = dashboardUrl
output STATIC_WEB_APP_NAME string = web.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storageName
output UPLOADS_CONTAINER string = uploadsContainer
output EVENT_GRID_SYSTEM_TOPIC string = eventGridTopic.name
output KEY_VAULT_NAME string = keyVault.name
output ENTRA_CLIENT_ID string = entraClientId
output ENTRA_TENANT_ID string = entraTenantId
