using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Api;

/// <summary>An API answer: HTTP status and JSON body, for any host to write out.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Serialised with <see cref="StudyApi.Json"/>; null for no body.</param>
public sealed record ApiResult(int Status, object? Body);

/// <summary>A subscription request.</summary>
/// <param name="Url">The receiver's URL.</param>
public sealed record WebhookRequest([property: JsonPropertyName("url")] string? Url);

/// <summary>
/// The HTTP API, once: <c>GET /api/studies/{studyUid}</c>, <c>POST /api/webhooks</c>, <c>DELETE /api/webhooks/{id}</c>
/// and <c>GET /api/health</c>. The Functions app and the local host map their routes onto these methods.
/// </summary>
public sealed class StudyApi(WorkflowStorage storage, WebhookSubscriptionStore subscriptions)
{
    /// <summary>The JSON of every answer (camelCase, nulls left out).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly StudyQueries _queries = new(storage);

    /// <summary>A study's status and findings, with time-limited links to its outputs; 404 when unknown.</summary>
    public async Task<ApiResult> GetStudyAsync(string studyUid, CancellationToken cancellationToken = default)
    {
        var view = await _queries.GetAsync(studyUid, cancellationToken).ConfigureAwait(false);
        return view is null ? Problem(404, "No study with that UID has been received.") : new ApiResult(200, view);
    }

    /// <summary>Subscribes a receiver; 201 with the subscription and its signing secret (shown only here), 400 when refused.</summary>
    public async Task<ApiResult> SubscribeAsync(Stream body, CancellationToken cancellationToken = default)
    {
        WebhookRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<WebhookRequest>(body, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problem(400, $"The body is not JSON: {e.Message}");
        }
        if (request?.Url is not { Length: > 0 } text || !Uri.TryCreate(text, UriKind.Absolute, out var url))
            return Problem(400, "The body needs \"url\": the receiver's absolute URL.");
        try
        {
            var created = await subscriptions.CreateAsync(url, cancellationToken).ConfigureAwait(false);
            return new ApiResult(201, new { id = created.Subscription.Id, url = created.Subscription.Url, secret = created.Secret, createdAt = created.Subscription.CreatedAt });
        }
        catch (WebhookTargetRefusedException e)
        {
            return Problem(400, $"The webhook target is refused: {e.Reason}");
        }
    }

    /// <summary>Ends a subscription; 204, or 404 when unknown.</summary>
    public async Task<ApiResult> UnsubscribeAsync(string id, CancellationToken cancellationToken = default) =>
        await subscriptions.DeleteAsync(id, cancellationToken).ConfigureAwait(false) ? new ApiResult(204, null) : Problem(404, "No such subscription.");

    /// <summary>Liveness with a storage round trip: 200 when storage answers, 503 when it does not.</summary>
    public async Task<ApiResult> HealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Studies.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ApiResult(200, new { status = "up", storage = "reachable" });
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            return new ApiResult(503, new { status = "degraded", storage = "unreachable", error = e.Message });
        }
    }

    private static ApiResult Problem(int status, string error) => new(status, new { error, status });
}
