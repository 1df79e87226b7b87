// The Function App (.NET isolated, Linux) on a Flex Consumption plan, running as its user-assigned identity:
// storage through identity-based connections, the deployment package in the 'deployments' container.

@description('Azure region.')
param location string

@description('Name prefix of the resources.')
param prefix string

@description('Function App name (globally unique host name).')
param name string

@description('Name of the storage account.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Resource id of the Function App identity.')
param identityId string

@description('Client id of the Function App identity.')
param identityClientId string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Key Vault URI holding the webhook secrets.')
param keyVaultUri string

@description('Base URL of the inference app.')
param inferenceUrl string

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB (2048 or 4096).')
@allowed([ 2048, 4096 ])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${prefix}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Identity-based host storage: no keys anywhere.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'Ich__KeyVaultUri', value: keyVaultUri }
        { name: 'Ich__InferenceUrl', value: inferenceUrl }
        // Where the native codecs shipped in the package live (see infra/README.md).
        { name: 'LD_LIBRARY_PATH', value: '/home/site/wwwroot/native' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}deployments'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
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

@description('Name of the Function App.')
output name string = app.name

@description('Default host name of the Function App.')
output hostName string = app.properties.defaultHostName
