using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.InferenceService.Requests;

namespace Ich.InferenceService.Tests.Requests;

/// <summary>Bodies the service cannot analyse end in a 4xx with a reason, never in probabilities.</summary>
[Collection(ServiceCollection.Name)]
public sealed class RefusedRequestTests(ServiceFixture fixture)
{
    private static ByteArrayContent Floats(int count, float value = 20f) =>
        new(MemoryMarshal.AsBytes(Enumerable.Repeat(value, count).ToArray().AsSpan()).ToArray());

    private async Task<(HttpStatusCode Status, string Error)> SendAsync(HttpRequestMessage request)
    {
        using var response = await fixture.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("subject", out _));
        return (response.StatusCode, body.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task Infer_MissingShapeHeader_Is400NamingTheHeader()
    {
        var request = SeriesRequests.Infer(Floats(64 * 64 * 2), 64, 64, 2);
        request.Headers.Remove(VolumeHeaders.SliceSpacingMm);

        var (status, error) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(VolumeHeaders.SliceSpacingMm, error);
    }

    [Fact]
    public async Task Infer_NonNumericWidth_Is400()
    {
        var request = SeriesRequests.Infer(Floats(64 * 64 * 2), 64, 64, 2);
        request.Headers.Remove(VolumeHeaders.Width);
        request.Headers.Add(VolumeHeaders.Width, "sixty-four");

        var (status, error) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(VolumeHeaders.Width, error);
    }

    [Fact]
    public async Task Infer_BodyShorterThanItsShape_Is400()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2 - 1), 64, 64, 2));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("needs 32768", error);
    }

    [Fact]
    public async Task Infer_BodyLongerThanItsShape_Is400()
    {
        var (status, _) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2 + 1), 64, 64, 2));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Infer_NotANumberVoxel_Is400()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2, float.NaN), 64, 64, 2));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not a finite number", error);
    }

    [Fact]
    public async Task Infer_NegativeSpacing_Is400()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2), 64, 64, 2, sliceSpacing: -5));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(VolumeHeaders.SliceSpacingMm, error);
    }

    [Fact]
    public async Task Infer_AllStagesNotABoolean_Is400()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2), 64, 64, 2, query: "?allStages=maybe"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("allStages", error);
    }

    [Fact]
    public async Task Infer_GradCamNotABoolean_Is400()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(64 * 64 * 2), 64, 64, 2, query: "?gradcam=yes"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("gradcam", error);
    }

    [Fact]
    public async Task Infer_JsonBody_Is415SayingBlobReferencesAreNotSupported()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/infer")
        {
            Content = new StringContent("{\"volume\":{\"blobUrl\":\"https://example.invalid/v\"}}", Encoding.UTF8, "application/json"),
        };

        var (status, error) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Blob references", error);
    }

    [Fact]
    public async Task Infer_MoreSlicesThanTheLimit_Is413()
    {
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(16), 2, 2, 2001));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("2000", error);
    }

    [Fact]
    public async Task Infer_ShapeOverTheDefaultByteLimit_Is413BeforeTheBodyIsRead()
    {
        // 4096 × 4096 × 16 float32 = 1 GiB, twice the default limit; only a few bytes are actually sent.
        var (status, error) = await SendAsync(SeriesRequests.Infer(Floats(16), 4096, 4096, 16));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("536870912", error);
    }
}
