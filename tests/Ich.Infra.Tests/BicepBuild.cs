using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Ich.Testing;

namespace Ich.Infra.Tests;

/// <summary>Compiles <c>infra/main.bicep</c> once with the NuGet-shipped bicep CLI and keeps the ARM JSON and diagnostics.</summary>
public sealed class BicepBuild
{
    public BicepBuild()
    {
        var bicep = typeof(BicepBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(bicep)) throw new FileNotFoundException("The bicep CLI from Azure.Bicep.CommandLine.linux-x64 is missing; restore the project.", bicep);
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Combine("infra"),
        };
        foreach (var argument in new[] { "build", "--stdout", "main.bicep" }) start.ArgumentList.Add(argument);
        // The CLI has no telemetry to send here, and must not look for a newer version of itself.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); throw new TimeoutException("bicep build took over 2 minutes."); }
        ExitCode = process.ExitCode;
        Diagnostics = stderr.Result.Trim();
        Template = ExitCode == 0 ? JsonNode.Parse(stdout.Result)!.AsObject() : [];
    }

    public int ExitCode { get; }

    /// <summary>Everything bicep printed on stderr: errors, warnings and linter findings.</summary>
    public string Diagnostics { get; }

    /// <summary>The compiled ARM template.</summary>
    public JsonObject Template { get; }

    /// <summary>Every resource of the template and of its nested module deployments, each with the module it came from.</summary>
    public IReadOnlyList<(string Module, JsonObject Resource, JsonObject Template)> Resources => [.. Walk("main", Template)];

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => (string?)r.Resource["type"] == type).Select(r => r.Resource);

    private static IEnumerable<(string, JsonObject, JsonObject)> Walk(string module, JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(n => n!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return (module, resource, template);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk((string)resource["name"]!, nested)) yield return inner;
            }
        }
    }
}
