using System.Diagnostics;
using Ich.InferenceService.Models;
using Ich.InferenceService.Queueing;
using Ich.InferenceService.Requests;
using Microsoft.Extensions.Options;

namespace Ich.InferenceService.Hosting;

/// <summary>The HTTP surface: probes, the model list and inference.</summary>
public static class ServiceEndpoints
{
    /// <summary>Seconds a caller is told to wait when the queue is full.</summary>
    public const int QueueFullRetryAfterSeconds = 1;

    /// <summary>Seconds a caller is told to wait while the model loads.</summary>
    public const int LoadingRetryAfterSeconds = 5;

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c>, <c>/v1/models</c> and <c>/v1/infer</c> (<c>?allStages=true</c>, <c>?gradcam=true</c>).</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Json(new { status = "up" }));
        app.MapGet("/readyz", Ready);
        app.MapGet("/v1/models", Models);
        app.MapPost("/v1/infer", InferAsync);
    }

    private static IResult Ready(ModelHost models, InferenceQueue queue)
    {
        if (models.Model is { } model)
            return Results.Json(new { status = "ready", model = model.Card.Name, version = model.Card.Version, device = model.Device, admitted = queue.Admitted, running = queue.Running, capacity = queue.Capacity, completed = queue.Completed });
        return Results.Json(new { status = models.Failure is null ? "loading" : "failed", error = models.Failure }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Models(ModelHost models)
    {
        if (NotReady(models) is { } problem) return problem.ToResult();
        var model = models.Model!;
        var card = model.Card;
        return Results.Json(new
        {
            models = new[]
            {
                new { name = card.Name, version = card.Version, sha256 = card.Sha256, device = model.Device, labels = card.Labels, predictedLabels = card.PredictedLabels, labelMode = card.LabelMode, input = card.Input, notice = card.Notice },
            },
        });
    }

    private static async Task<IResult> InferAsync(HttpContext context, ModelHost models, InferenceQueue queue, IOptions<InferenceServiceOptions> options)
    {
        var arrival = Stopwatch.GetTimestamp();
        if (NotReady(models) is { } notReady) return notReady.ToResult();

        if (Flag(context.Request, "allStages", out var allStages) is { } badStages) return badStages.ToResult();
        if (Flag(context.Request, "gradcam", out var gradCam) is { } badGradCam) return badGradCam.ToResult();

        var request = context.Request;
        if (VolumeShape.TryRead(request.Headers, request.ContentType, request.ContentLength, options.Value, out var shape) is { } refused)
            return refused.ToResult();

        // Admission comes before the body is read: a full queue costs the caller nothing but a round trip.
        using var admission = queue.TryAdmit();
        if (admission is null)
            return new RequestProblem(StatusCodes.Status429TooManyRequests, $"All {queue.Capacity} places in the queue are taken; retry shortly.", QueueFullRetryAfterSeconds).ToResult();

        Ich.Preprocessing.HuVolume? volume;
        try
        {
            (volume, var bad) = await VolumeBodyReader.ReadAsync(request.Body, shape, context.RequestAborted);
            if (bad is not null) return bad.ToResult();
        }
        catch (BadHttpRequestException e)
        {
            return new RequestProblem(e.StatusCode, $"The body could not be read: {e.Message}").ToResult();
        }

        var readMs = Stopwatch.GetElapsedTime(arrival).TotalMilliseconds;
        try
        {
            var response = await queue.RunAsync(volume!, allStages, gradCam, readMs, arrival, context.RequestAborted);
            return Results.Json(response);
        }
        catch (ArgumentException e)
        {
            return new RequestProblem(StatusCodes.Status400BadRequest, $"The series could not be preprocessed by the model's input contract: {e.Message}").ToResult();
        }
    }

    private static RequestProblem? Flag(HttpRequest request, string name, out bool value)
    {
        value = false;
        var text = request.Query[name].ToString();
        if (text.Length == 0 || bool.TryParse(text, out value)) return null;
        return new RequestProblem(StatusCodes.Status400BadRequest, $"{name} must be true or false, not '{text}'.");
    }

    private static RequestProblem? NotReady(ModelHost models)
    {
        if (models.Model is not null) return null;
        return models.Failure is { } failure
            ? new RequestProblem(StatusCodes.Status503ServiceUnavailable, failure)
            : new RequestProblem(StatusCodes.Status503ServiceUnavailable, "The model is still loading.", LoadingRetryAfterSeconds);
    }
}
