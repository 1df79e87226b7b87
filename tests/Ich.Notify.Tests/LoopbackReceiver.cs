using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ich.Notify.Tests;

/// <summary>A real webhook receiver: Kestrel on 127.0.0.1 and a free port, answering from a script of responses.</summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _script;
    private readonly Func<HttpResponse, Task> _afterScript;

    private LoopbackReceiver(WebApplication app, IEnumerable<Func<HttpResponse, Task>> script, Func<HttpResponse, Task> afterScript)
    {
        _app = app;
        _script = new ConcurrentQueue<Func<HttpResponse, Task>>(script);
        _afterScript = afterScript;
    }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The receiver's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The webhook URL.</summary>
    public Uri HookUrl => new(BaseAddress, "hook");

    public static Func<HttpResponse, Task> Status(int status, string? retryAfter = null) => response =>
    {
        response.StatusCode = status;
        if (retryAfter is not null) response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    };

    public static async Task<LoopbackReceiver> StartAsync(IEnumerable<Func<HttpResponse, Task>> script, Func<HttpResponse, Task>? afterScript = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app, script, afterScript ?? Status(200));
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.Single();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(),
            context.Request.Headers.Host.ToString(),
            context.Request.ContentType,
            body));
        await (_script.TryDequeue(out var next) ? next : _afterScript)(context.Response);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedRequest(string Id, string Timestamp, string Signature, string Host, string? ContentType, string Body);
