// Step 2 (after the code is deployed): BlobCreated events of the uploads container to the blob extension's webhook,
// which is how the Event Grid-sourced blob trigger (IngestUpload) is fed. The webhook key is the `blobs_extension`
// system key, which exists only once the host has started with the code: pass it as blobExtensionKey.
param storageAccountName string
param storageAccountId string
param location string
param tags object
param functionAppHostName string
param uploadsContainer string
@secure()
param blobExtensionKey string

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: 'evgt-${storageAccountName}'
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = {
  parent: topic
  name: 'ingest-uploads'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        #disable-next-line use-secure-value-for-secure-inputs // endpointUrl is write-only in Event Grid; the key arrives as a secure parameter
        endpointUrl: 'https://${functionAppHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=${blobExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${uploadsContainer}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output topicName string = topic.name
