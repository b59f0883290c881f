using 'main.bicep'

// For `az deployment group create` (azd reads main.parameters.json instead). Secrets come from the environment,
// never from this file:
//   export HK_USER_ID_KEY=$(openssl rand -base64 48) HK_LINK_SECRET=$(openssl rand -base64 48)
//   export HK_ENTRA_CLIENT_ID=<the app registration's client id>   (docs/deploy.md, step 1)
param userIdKey = readEnvironmentVariable('HK_USER_ID_KEY')
param linkSigningSecret = readEnvironmentVariable('HK_LINK_SECRET')
param smtpPassword = readEnvironmentVariable('HK_SMTP_PASSWORD', '')
param entraClientId = readEnvironmentVariable('HK_ENTRA_CLIENT_ID')

param name = 'hkroi'
param smtpHost = ''
param smtpFrom = ''
param smtpTo = []
