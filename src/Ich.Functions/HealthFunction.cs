using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ich.Functions;

/// <summary>
/// Readiness probe for hospital IT and load balancers: answers 200 when the app's storage account
/// answers, 503 (with the reason) when it does not.
/// </summary>
public sealed class HealthFunction(BlobServiceClient blobs)
{
    /// <summary>GET /api/health.</summary>
    [Function("health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var report = await CheckAsync(request.HttpContext.RequestAborted);
        return new ObjectResult(report) { StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }

    /// <summary>Checks that blob storage answers within five seconds.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await blobs.GetPropertiesAsync(timeout.Token);
            return new HealthReport(true, "storage reachable", Version);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            // The account endpoint is not PHI; the exception message may carry it, nothing else.
            return new HealthReport(false, $"storage unreachable: {e.GetType().Name}: {e.Message}", Version);
        }
    }

    private static string Version => typeof(HealthFunction).Assembly.GetName().Version?.ToString() ?? "unknown";
}

/// <summary>The health probe's answer.</summary>
/// <param name="Healthy">True when every dependency answered.</param>
/// <param name="Detail">What was checked and what went wrong, for a person.</param>
/// <param name="Version">The app's assembly version.</param>
public sealed record HealthReport(bool Healthy, string Detail, string Version);
