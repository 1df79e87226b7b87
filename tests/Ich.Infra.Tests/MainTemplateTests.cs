using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ich.Infra.Tests;

public sealed partial class MainTemplateTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    // Built-in role definition ids, as Azure publishes them.
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void Build_CompilesWithoutErrorsOrWarnings()
    {
        Assert.Equal(0, build.ExitCode);
        Assert.Equal("", build.Diagnostics);
    }

    [Fact]
    public void Storage_HasThePipelineContainersAndTables()
    {
        var storage = build.Resources.First(r => r.Module == "storage").Template;

        Assert.Equal(["uploads", "normalized", "results", "quarantine", "deployments"], Strings(storage["variables"]!["containers"]));
        Assert.Equal(["studies", "series", "webhooks"], Strings(storage["variables"]!["tables"]));
        Assert.Single(build.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c["copy"] is not null);
        Assert.Single(build.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t["copy"] is not null);
        var account = Assert.Single(build.OfType("Microsoft.Storage/storageAccounts"));
        Assert.False((bool)account["properties"]!["allowSharedKeyAccess"]!);
        Assert.False((bool)account["properties"]!["allowBlobPublicAccess"]!);
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolatedOnFlexConsumptionAsItsIdentity()
    {
        var plan = Assert.Single(build.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);

        var app = Assert.Single(build.OfType("Microsoft.Web/sites"));
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
        Assert.Equal("dotnet-isolated", (string?)app["properties"]!["functionAppConfig"]!["runtime"]!["name"]);
        var settings = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.Contains("AzureWebJobsStorage__credential", settings);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
    }

    [Fact]
    public void EventGrid_DeliversBlobCreatedOnUploadsToTheBlobExtension()
    {
        var topic = Assert.Single(build.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        var subscription = Assert.Single(build.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal("/blobServices/default/containers/uploads/", (string?)filter["subjectBeginsWith"]);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], Strings(filter["includedEventTypes"]));
        Assert.Contains("/runtime/webhooks/blobs", (string?)subscription["properties"]!["destination"]!["properties"]!["endpointUrl"]);
    }

    [Fact]
    public void Inference_RunsOnAGpuWorkloadProfile()
    {
        var environment = Assert.Single(build.OfType("Microsoft.App/managedEnvironments"));
        var profiles = environment["properties"]!["workloadProfiles"]!.AsArray();
        var gpu = Assert.Single(profiles, p => (string?)p!["name"] == "gpu")!;
        Assert.Equal("[parameters('gpuProfileType')]", (string?)gpu["workloadProfileType"]);
        Assert.Equal("Consumption-GPU-NC8as-T4", (string?)build.Template["parameters"]!["gpuProfileType"]!["defaultValue"]);

        var app = Assert.Single(build.OfType("Microsoft.App/containerApps"));
        Assert.Equal("gpu", (string?)app["properties"]!["workloadProfileName"]);
        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
    }

    [Fact]
    public void Monitoring_HasWorkspaceBasedApplicationInsights()
    {
        Assert.Single(build.OfType("Microsoft.OperationalInsights/workspaces"));
        var insights = Assert.Single(build.OfType("Microsoft.Insights/components"));
        Assert.NotNull(insights["properties"]!["WorkspaceResourceId"]);
        Assert.Equal(2, build.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Count());
    }

    [Fact]
    public void KeyVault_UsesRbac()
    {
        var vault = Assert.Single(build.OfType("Microsoft.KeyVault/vaults"));

        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
    }

    [Fact]
    public void RoleAssignments_AreExactlyTheLeastPrivilegeSet()
    {
        var assignments = build.Resources
            .Where(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(r => (
                Principal: (string)r.Resource["properties"]!["principalId"]!,
                Role: ResolveRole((string)r.Resource["properties"]!["roleDefinitionId"]!, r.Template),
                Scope: (string?)r.Resource["scope"] ?? ""))
            .ToList();

        Assert.Equal(
            new[]
            {
                ("[parameters('functionsPrincipalId')]", BlobDataContributor),
                ("[parameters('functionsPrincipalId')]", TableDataContributor),
                ("[parameters('functionsPrincipalId')]", QueueDataContributor),
                ("[parameters('functionsPrincipalId')]", KeyVaultSecretsOfficer),
                ("[parameters('inferencePrincipalId')]", BlobDataReader),
            }.Order(),
            assignments.Select(a => (a.Principal, a.Role)).Order());
        // The inference app reads the normalized container only, not the whole account.
        Assert.Contains("'normalized'", assignments.Single(a => a.Role == BlobDataReader).Scope);
    }

    // roleDefinitionId compiles to subscriptionResourceId(..., variables('roles').x) or variables('name'): look the GUID up.
    private static string ResolveRole(string expression, JsonObject template)
    {
        var match = VariableReference().Match(expression);
        Assert.True(match.Success, expression);
        var variable = template["variables"]![match.Groups[1].Value]!;
        return (string)(match.Groups[2].Success ? variable[match.Groups[2].Value]! : variable)!;
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    [GeneratedRegex(@"variables\('(\w+)'\)(?:\.(\w+))?")]
    private static partial Regex VariableReference();
}
