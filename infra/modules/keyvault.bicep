// Key Vault (RBAC) holding the app's secrets; the Function App reads them through Key Vault references.
param name string
param location string
param tags object
@secure()
param userIdKey string
@secure()
param linkSigningSecret string
@secure()
param previousLinkSigningSecret string
@secure()
param smtpPassword string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
  }
}

resource userIdKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'privacy-user-id-key'
  properties: { value: userIdKey }
}

resource linkSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'links-signing-key'
  properties: { value: linkSigningSecret }
}

resource previousLinkSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(previousLinkSigningSecret)) {
  parent: vault
  name: 'links-signing-key-previous'
  properties: { value: previousLinkSigningSecret }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: 'smtp-password'
  properties: { value: smtpPassword }
}

output id string = vault.id
output name string = vault.name
// Unversioned URIs (below): a reference always resolves the secret's current version, so a new version rotates it.
// The secrets' URIs are derived from the vault's, so no output touches a secret value.
output userIdKeyUri string = '${vault.properties.vaultUri}secrets/${userIdKeySecret.name}'
output linkSigningSecretUri string = '${vault.properties.vaultUri}secrets/${linkSecret.name}'
output previousLinkSecretUri string = '${vault.properties.vaultUri}secrets/links-signing-key-previous'
output smtpSecretUri string = '${vault.properties.vaultUri}secrets/smtp-password'
