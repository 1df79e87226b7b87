using System.Text.Json;
using Ich.Workflow.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ich.Functions.Api;

/// <summary>The study API behind function keys (the health probe stays anonymous for load balancers).</summary>
public sealed class StudyApiFunctions(StudyApi api)
{
    /// <summary>GET /api/studies/{studyUid}: status, findings, time-limited output links.</summary>
    [Function("getStudy")]
    public async Task<IActionResult> GetStudyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "studies/{studyUid}")] HttpRequest request, string studyUid) =>
        ToAction(await api.GetStudyAsync(studyUid, request.HttpContext.RequestAborted));

    /// <summary>POST /api/webhooks: a subscription with its own signing secret.</summary>
    [Function("subscribeWebhook")]
    public async Task<IActionResult> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks")] HttpRequest request) =>
        ToAction(await api.SubscribeAsync(request.Body, request.HttpContext.RequestAborted));

    /// <summary>DELETE /api/webhooks/{id}.</summary>
    [Function("unsubscribeWebhook")]
    public async Task<IActionResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "webhooks/{id}")] HttpRequest request, string id) =>
        ToAction(await api.UnsubscribeAsync(id, request.HttpContext.RequestAborted));

    /// <summary>An API answer as an MVC result, serialised as the local host serialises it.</summary>
    public static IActionResult ToAction(ApiResult result) => result.Body is null
        ? new StatusCodeResult(result.Status)
        : new ContentResult { StatusCode = result.Status, ContentType = "application/json", Content = JsonSerializer.Serialize(result.Body, result.Body.GetType(), StudyApi.Json) };
}
