using System.Net.Http.Json;
using System.Text.Json;
using Ich.InferenceService.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ich.InferenceService.Tests;

/// <summary>The real service on Kestrel, 127.0.0.1 on a free port, with an HTTP client pointed at it.</summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningService(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>Starts the service with <c>Ich:Key=value</c> settings (the model folder among them).</summary>
    public static async Task<RunningService> StartAsync(params string[] settings)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning" };
        args.AddRange(settings.Select(s => $"--Ich:{s}"));
        var app = InferenceServiceApp.Create([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        return new RunningService(app, client);
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200 (or throws after 60 s).</summary>
    public async Task<JsonElement> WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await Client.GetAsync("/readyz");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.IsSuccessStatusCode) return body;
            if (body.GetProperty("status").GetString() == "failed") throw new InvalidOperationException($"The model failed to load: {body}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The service was not ready after 60 s: {body}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
