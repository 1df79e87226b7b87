// IchFunctions on Azure: storage, the Function App (Flex Consumption) with its Event Grid blob trigger, the GPU
// inference app on Container Apps, Application Insights + Log Analytics, Key Vault for webhook secrets, and one
// user-assigned identity per app with least-privilege role assignments. Deploy: see infra/README.md.
targetScope = 'resourceGroup'

@description('Azure region of every resource; must offer Flex Consumption and serverless GPUs (e.g. swedencentral).')
param location string = resourceGroup().location

@description('Short name prefix of every resource (letters, digits, hyphens).')
@minLength(3)
@maxLength(12)
param prefix string = 'ich'

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param storageAccountName string = toLower('${replace(prefix, '-', '')}${uniqueString(resourceGroup().id)}')

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param keyVaultName string = '${prefix}-kv-${take(uniqueString(resourceGroup().id), 8)}'

@description('Function App name (its host name is NAME.azurewebsites.net).')
param functionAppName string = '${prefix}-func-${take(uniqueString(resourceGroup().id), 8)}'

@description('Container image of the inference app.')
param inferenceImage string

@description('Registry login server the image is pulled from with the inference identity; empty for a public image.')
param inferenceRegistryServer string = ''

@description('Serverless GPU profile of the inference app: T4 (cheaper, enough for the 2D CNN + RNN) or A100.')
@allowed([ 'Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100' ])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Most replicas of the inference app (it scales to zero when idle).')
@minValue(1)
param inferenceMaxReplicas int = 2

@description('Most Function App instances.')
@minValue(1)
@maxValue(1000)
param functionMaxInstances int = 40

@description('Memory per Function App instance in MB: ingest holds one archive entry and one series volume at a time.')
@allowed([ 2048, 4096 ])
param functionInstanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
@minValue(30)
param logRetentionDays int = 30

@description('Create the Event Grid subscription for the uploads blob trigger. Leave false on the first deployment: it needs the deployed code\'s blobs_extension key (see README).')
param deployEventSubscription bool = false

@description('Name of the blob-triggered function in the Function App.')
param blobTriggerFunctionName string = 'IngestUpload'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    prefix: prefix
    retentionDays: logRetentionDays
  }
}

module identities 'modules/identities.bicep' = {
  name: 'identities'
  params: {
    location: location
    prefix: prefix
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: storageAccountName
    functionsPrincipalId: identities.outputs.functionsPrincipalId
    inferencePrincipalId: identities.outputs.inferencePrincipalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: keyVaultName
    functionsPrincipalId: identities.outputs.functionsPrincipalId
  }
}

module inference 'modules/inference.bicep' = {
  name: 'inference'
  params: {
    location: location
    prefix: prefix
    image: inferenceImage
    registryServer: inferenceRegistryServer
    gpuProfileType: gpuProfileType
    maxReplicas: inferenceMaxReplicas
    identityId: identities.outputs.inferenceId
    identityClientId: identities.outputs.inferenceClientId
    workspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    blobEndpoint: storage.outputs.blobEndpoint
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    prefix: prefix
    name: functionAppName
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    identityId: identities.outputs.functionsId
    identityClientId: identities.outputs.functionsClientId
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    inferenceUrl: inference.outputs.url
    maximumInstanceCount: functionMaxInstances
    instanceMemoryMB: functionInstanceMemoryMB
  }
}

module uploadsTrigger 'modules/eventgrid.bicep' = if (deployEventSubscription) {
  name: 'uploadsTrigger'
  params: {
    location: location
    prefix: prefix
    storageAccountName: storage.outputs.name
    functionAppName: functionApp.outputs.name
    blobTriggerFunctionName: blobTriggerFunctionName
  }
}

@description('Name of the Function App.')
output functionAppName string = functionApp.outputs.name

@description('Host name of the Function App.')
output functionAppHostName string = functionApp.outputs.hostName

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Base URL of the inference app.')
output inferenceUrl string = inference.outputs.url

@description('URI of the Key Vault holding webhook secrets.')
output keyVaultUri string = keyVault.outputs.uri
