using Ich.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddIchWorkflow(AppSettings.Read(builder.Configuration), AppSettings.SecretVault(builder.Configuration));
builder.Build().Run();
