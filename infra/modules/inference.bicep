// The GPU inference app on Azure Container Apps: an environment with a serverless GPU workload profile and the app,
// running as its own identity (blob read access only, granted in storage.bicep).

@description('Azure region (one that offers serverless GPUs, e.g. swedencentral, westus3, australiaeast).')
param location string

@description('Name prefix of the resources.')
param prefix string

@description('Container image of the inference app, e.g. myregistry.azurecr.io/ich-inference:1.0.')
param image string

@description('Login server of the registry the image is pulled from with the app identity (AcrPull granted out of band); empty for a public image.')
param registryServer string

@description('Serverless GPU workload profile type.')
@allowed([ 'Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100' ])
param gpuProfileType string

@description('Most replicas of the inference app.')
@minValue(1)
param maxReplicas int

@description('Resource id of the inference app identity.')
param identityId string

@description('Client id of the inference app identity.')
param identityClientId string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${prefix}-apps'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
      { name: 'gpu', workloadProfileType: gpuProfileType }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${prefix}-inference'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'gpu'
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(registryServer) ? [] : [ { server: registryServer, identity: identityId } ]
    }
    template: {
      containers: [
        {
          name: 'inference'
          image: image
          resources: { cpu: 8, memory: '56Gi' }
          env: [
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
            { name: 'Ich__BlobEndpoint', value: blobEndpoint }
          ]
          probes: [
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 } }
          ]
        }
      ]
      scale: { minReplicas: 0, maxReplicas: maxReplicas }
    }
  }
}

@description('HTTPS base URL of the inference app.')
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
