using System.Collections.Concurrent;
using Ich.Notify.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ich.LocalHost.Receiving;

/// <summary>One request the receiver got.</summary>
/// <param name="Id">The <c>webhook-id</c> header.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c> header.</param>
/// <param name="Signature">The <c>webhook-signature</c> header.</param>
/// <param name="Body">The body, as received.</param>
/// <param name="AnsweredWith">The status it was answered with.</param>
/// <param name="At">When it arrived.</param>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string Body, int AnsweredWith, DateTimeOffset At);

/// <summary>
/// A webhook receiver on loopback (Kestrel) that records every request and answers from a script (200 when the
/// script is empty): what <c>ich local run</c> waits on, and what the end-to-end tests inspect.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>The receiver's URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Answers the next requests with these statuses, then 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var s in statuses) _script.Enqueue(s);
    }

    /// <summary>Starts on a free loopback port.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._script.TryDequeue(out var scripted) ? scripted : 200;
            receiver.Requests.Enqueue(new ReceivedWebhook(http.Request.Headers[WebhookHeaders.IdHeader], http.Request.Headers[WebhookHeaders.TimestampHeader],
                http.Request.Headers[WebhookHeaders.SignatureHeader], body, status, DateTimeOffset.UtcNow));
            http.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests answered 2xx have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForDeliveredAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var delivered = Requests.Where(r => r.AnsweredWith is >= 200 and < 300).ToArray();
            if (delivered.Length >= count) return delivered;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{delivered.Length} of {count} webhooks delivered within {timeout.TotalSeconds} s ({Requests.Count} requests in all).");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether <paramref name="webhook"/> carries a valid Standard Webhooks signature under <paramref name="secret"/>.</summary>
    public static bool IsVerified(ReceivedWebhook webhook, string secret) =>
        new WebhookVerifier(secret).Verify(webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body).IsValid;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
