// HealthKart influencer ROI: everything the app needs in one resource group.
//
// Step 1 (infrastructure):  az deployment group create -g RG -f infra/main.bicep -p infra/main.bicepparam
// Step 2 (code):            publish src/HealthKart.Functions to the Function App, static-web/ to the Static Web App
// Step 3 (Event Grid):      the same deployment again with deployEventGridSubscription=true and the blob extension's
//                           system key (it exists only once the code runs):
//                           az functionapp keys list -g RG -n APP --query systemKeys.blobs_extension -o tsv
// README.md "Deploy to Azure" has the exact commands.

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

@description('Entra ID app registration (client id) of the dashboard sign-in; its redirect URI is https://SWA/.auth/login/aad/callback.')
param entraClientId string = ''
@secure()
param entraClientSecret string = ''

param uploadsContainer string = 'uploads'
param reportsContainer string = 'reports'
param sourcesContainer string = 'sources'
param tablePrefix string = 'hk'

@description('Flex Consumption scale-out limit and instance size.')
param maximumInstanceCount int = 40
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Step 3: subscribe BlobCreated on the uploads container to the blob trigger. Needs blobExtensionKey.')
param deployEventGridSubscription bool = false

@description('The Function App\'s blobs_extension system key (az functionapp keys list ... --query systemKeys.blobs_extension).')
@secure()
param blobExtensionKey string = ''

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('st${name}${suffix}', 24)
var functionAppName = 'func-${name}-${suffix}'
var deploymentContainer = 'app-package'

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

module web 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  params: {
    name: 'swa-${name}-${suffix}'
    location: staticWebAppLocation
    tags: tags
    entraClientId: entraClientId
    entraClientSecret: entraClientSecret
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

var keyVaultRef = '@Microsoft.KeyVault(SecretUri={0})'
var publicBaseUrl = 'https://${web.outputs.defaultHostname}'

// Every setting of local.settings.sample.json, named as the app reads it (the Infra tests check this list).
// No account key or connection string: storage is the managed identity's (AzureWebJobsStorage__accountName),
// secrets are Key Vault references. FUNCTIONS_WORKER_RUNTIME is not a setting on Flex (functionAppConfig.runtime).
var rotationSettings = empty(previousLinkKeyId) ? [] : [
  { name: 'Links__Keys__1__Id', value: previousLinkKeyId }
  { name: 'Links__Keys__1__Secret', value: format(keyVaultRef, vault.outputs.previousLinkSecretUri) }
]

var appSettings = concat([
  { name: 'AzureWebJobsStorage__accountName', value: storageName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'Uploads__Container', value: uploadsContainer }
  { name: 'Uploads__MaxFileBytes', value: '2147483648' }
  { name: 'Uploads__MaxHttpBodyBytes', value: '104857600' }
  { name: 'Uploads__SasMinutes', value: '15' }
  { name: 'Reports__Container', value: reportsContainer }
  { name: 'Sources__Container', value: sourcesContainer }
  { name: 'TrackingExport__XlsxRowLimit', value: '1048576' }
  { name: 'Tables__Prefix', value: tablePrefix }
  { name: 'Ingestion__MaxListedIssues', value: '1000' }
  { name: 'Ingestion__Parallelism', value: '16' }
  { name: 'Ingestion__MaxAttempts', value: '5' }
  { name: 'WeeklySummary__Schedule', value: weeklySummarySchedule }
  { name: 'WeeklySummary__SkipEmptyWeeks', value: string(weeklySummarySkipEmptyWeeks) }
  { name: 'WeeklySummary__LinkHours', value: '168' }
  { name: 'WeeklySummary__ClaimTimeoutMinutes', value: '15' }
  { name: 'Smtp__Host', value: smtpHost }
  { name: 'Smtp__Port', value: string(smtpPort) }
  { name: 'Smtp__Security', value: smtpSecurity }
  { name: 'Smtp__UserName', value: smtpUserName }
  { name: 'Smtp__Password', value: empty(smtpPassword) ? '' : format(keyVaultRef, vault.outputs.smtpSecretUri) }
  { name: 'Smtp__From', value: smtpFrom }
  { name: 'Smtp__To', value: join(smtpTo, ';') }
  { name: 'Privacy__PseudonymizeUserIds', value: 'true' }
  { name: 'Privacy__UserIdKey', value: format(keyVaultRef, vault.outputs.userIdKeyUri) }
  { name: 'Links__Keys__0__Id', value: linkKeyId }
  { name: 'Links__Keys__0__Secret', value: format(keyVaultRef, vault.outputs.linkSigningSecretUri) }
  { name: 'Links__PublicBaseUrl', value: publicBaseUrl }
], rotationSettings)

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
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

module link 'modules/swalink.bicep' = {
  name: 'staticwebapp-link'
  params: {
    staticSiteName: web.outputs.name
    functionAppId: functionApp.id
    location: location
  }
}

module eventGrid 'modules/eventgrid.bicep' = if (deployEventGridSubscription) {
  name: 'eventgrid'
  params: {
    storageAccountName: storageName
    storageAccountId: storageAccount.id
    location: location
    tags: tags
    functionAppHostName: functionApp.properties.defaultHostName
    uploadsContainer: uploadsContainer
    blobExtensionKey: blobExtensionKey
  }
}

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
output staticWebAppName string = web.outputs.name
output dashboardUrl string = publicBaseUrl
output storageAccountName string = storageName
output keyVaultName string = keyVault.name
