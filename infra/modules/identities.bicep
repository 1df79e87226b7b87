// One user-assigned identity per app, so each gets only the roles it needs.

@description('Azure region.')
param location string

@description('Name prefix of the resources.')
param prefix string

resource functions 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-func-id'
  location: location
}

resource inference 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-infer-id'
  location: location
}

@description('Resource id of the Function App identity.')
output functionsId string = functions.id

@description('Principal id of the Function App identity.')
output functionsPrincipalId string = functions.properties.principalId

@description('Client id of the Function App identity.')
output functionsClientId string = functions.properties.clientId

@description('Resource id of the inference app identity.')
output inferenceId string = inference.id

@description('Principal id of the inference app identity.')
output inferencePrincipalId string = inference.properties.principalId

@description('Client id of the inference app identity.')
output inferenceClientId string = inference.properties.clientId
