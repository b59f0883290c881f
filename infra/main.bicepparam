using 'main.bicep'

// Secrets come from the environment, never from this file:
//   export HK_USER_ID_KEY=$(openssl rand -base64 48) HK_LINK_SECRET=$(openssl rand -base64 48)
param userIdKey = readEnvironmentVariable('HK_USER_ID_KEY')
param linkSigningSecret = readEnvironmentVariable('HK_LINK_SECRET')
param smtpPassword = readEnvironmentVariable('HK_SMTP_PASSWORD', '')
param blobExtensionKey = readEnvironmentVariable('HK_BLOBS_EXTENSION_KEY', '')
param deployEventGridSubscription = !empty(readEnvironmentVariable('HK_BLOBS_EXTENSION_KEY', ''))

param entraClientId = readEnvironmentVariable('HK_ENTRA_CLIENT_ID', '')
param entraClientSecret = readEnvironmentVariable('HK_ENTRA_CLIENT_SECRET', '')

param name = 'hkroi'
param smtpHost = ''
param smtpFrom = ''
param smtpTo = []
