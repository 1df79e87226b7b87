using Azure.Storage.Blobs;
using Ich.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton(_ => new BlobServiceClient(
    StorageSettings.ConnectionString(Environment.GetEnvironmentVariable),
    StorageSettings.BlobOptions()));
builder.Build().Run();
