using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.Preprocessing;

namespace Ich.Inference.Client.Tests;

/// <summary>How each way a request can fail reaches a retry policy: status, Retry-After and transient or not.</summary>
[Collection(ShippedServiceCollection.Name)]
public sealed class FailureTests(ShippedService fixture)
{
    [Fact]
    public async Task GivenASpacingTheServiceRefuses_WhenInferred_Then400IsPermanent()
    {
        var volume = new HuVolume(64, 64, new float[64 * 64 * 2], rowSpacingMm: 20, columnSpacingMm: 0.5, [0, 5]);

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => fixture.Client.InferAsync(volume, InferRequestOptions.Default));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.False(e.IsTransient);
        Assert.Null(e.RetryAfter);
        Assert.Contains("X-Ich-Row-Spacing-Mm", e.Message); // the service's reason, not just the status
    }

    [Fact]
    public async Task GivenMoreSlicesThanTheServiceTakes_WhenInferred_Then413IsPermanent()
    {
        await using var service = await InferenceService.Tests.RunningService.StartAsync($"ModelFolder={ShippedService.ModelFolder}", "PreferGpu=false", "IntraOpThreads=1", "MaxSlices=2");
        await service.WaitUntilReadyAsync();
        var client = new InferenceServiceClient(service.Client);

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => client.InferAsync(ShippedService.Normal(), InferRequestOptions.Default));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, e.StatusCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GivenAModelThatFailedToLoad_WhenInferred_Then503IsTransient()
    {
        await using var service = await InferenceService.Tests.RunningService.StartAsync($"ModelFolder={Path.Combine(Path.GetTempPath(), "no-such-ich-model")}", "PreferGpu=false");
        await WaitForStatusAsync(service.Client, "failed");
        var client = new InferenceServiceClient(service.Client);

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => client.InferAsync(ShippedService.Normal(), InferRequestOptions.Default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task GivenAFullQueue_WhenInferred_Then429IsTransientWithTheServicesRetryAfter()
    {
        await using var service = await InferenceService.Tests.RunningService.StartAsync($"ModelFolder={ShippedService.ModelFolder}", "PreferGpu=false", "IntraOpThreads=1", "Concurrency=1", "QueueCapacity=0");
        await service.WaitUntilReadyAsync();
        var volume = ShippedService.Normal();
        var held = new InferenceService.Tests.HeldContent(MemoryMarshal.AsBytes(volume.Voxels.AsSpan()).ToArray());
        var first = service.Client.SendAsync(HeldRequest(held, volume));
        await WaitForAdmittedAsync(service.Client, 1);

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => new InferenceServiceClient(service.Client).InferAsync(volume, InferRequestOptions.Default));
        held.Release();
        using var admitted = await first;

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), e.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task GivenNothingListening_WhenInferred_ThenConnectionRefusedIsTransientWithoutStatus()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{UnusedPort()}/") };

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => new InferenceServiceClient(http).InferAsync(ShippedService.Normal(), InferRequestOptions.Default));

        Assert.Null(e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task GivenAServiceSlowerThanTheTimeout_WhenInferred_ThenTheTimeoutIsTransient()
    {
        // A listener that accepts and never answers: the client's own timeout must end the call.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), Timeout = TimeSpan.FromMilliseconds(300) };

        var e = await Assert.ThrowsAsync<InferenceServiceException>(() => new InferenceServiceClient(http).InferAsync(ShippedService.Normal(), InferRequestOptions.Default));

        Assert.Null(e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Contains("did not answer", e.Message);
    }

    [Fact]
    public async Task GivenTheCallerCancels_WhenInferred_ThenCancellationIsNotWrapped()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Client.InferAsync(ShippedService.Normal(), InferRequestOptions.Default, cancelled.Token));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    public void GivenAStatus_WhenClassified_ThenOnlyTryLaterStatusesAreTransient(HttpStatusCode status, bool transient)
    {
        Assert.Equal(transient, InferenceServiceException.IsTransientStatus(status));
    }

    private static HttpRequestMessage HeldRequest(HttpContent content, HuVolume volume)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(VolumeHeaders.OctetStream);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/infer") { Content = content };
        request.Headers.Add(VolumeHeaders.Width, volume.Width.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.Height, volume.Height.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.Slices, volume.Depth.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.RowSpacingMm, volume.RowSpacingMm.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.ColumnSpacingMm, volume.ColumnSpacingMm.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.SliceSpacingMm, "5");
        return request;
    }

    private static async Task WaitForAdmittedAsync(HttpClient http, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await http.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("admitted").GetInt32() != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{count} request(s) were never admitted.");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForStatusAsync(HttpClient http, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync("/readyz");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("status").GetString() == status) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/readyz never said '{status}': {body}");
            await Task.Delay(20);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
