// Log Analytics workspace and the workspace-based Application Insights both apps report to.

@description('Azure region.')
param location string

@description('Name prefix of the resources.')
param prefix string

@description('Days logs are kept.')
@minValue(30)
param retentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Log Analytics workspace.')
output workspaceName string = workspace.name

@description('Application Insights connection string (not a secret: it only allows sending telemetry).')
output appInsightsConnectionString string = insights.properties.ConnectionString
