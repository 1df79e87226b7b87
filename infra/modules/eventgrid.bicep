// The Event Grid source of the 'uploads' blob trigger: a system topic on the storage account and a subscription that
// delivers BlobCreated events for that container to the Functions blob extension's webhook.

@description('Azure region.')
param location string

@description('Name prefix of the resources.')
param prefix string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Function App.')
param functionAppName string

@description('Name of the blob-triggered function (as in functions.metadata).')
param blobTriggerFunctionName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host keys are not a typed resource: list them through the host/default path.
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${prefix}-uploads-topic'
  location: location
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The blobs_extension system key exists only once the app code (with its blob trigger) is running: deploy this
// module after the first code deployment (main.bicep's deployEventSubscription).
resource uploads 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'uploads-blob-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionAppName}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${blobTriggerFunctionName}&code=${blobsExtensionKey}'
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
      subjectBeginsWith: '/blobServices/default/containers/uploads/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Name of the Event Grid system topic.')
output topicName string = topic.name
