using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.Preprocessing;

namespace Ich.Inference.Client;

/// <summary>
/// Calls the inference service's <c>POST /v1/infer</c> for a host without the model. Every failure becomes an
/// <see cref="InferenceServiceException"/> that says whether it is transient, so a durable retry policy can decide;
/// the caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class InferenceServiceClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>Wraps <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the service root (e.g. <c>http://ich-inference:8080/</c>).</summary>
    /// <exception cref="ArgumentException">The client has no base address.</exception>
    public InferenceServiceClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("The HttpClient needs a BaseAddress: the inference service's root URL.", nameof(http));
        _http = http;
    }

    /// <summary>Sends <paramref name="volume"/> (HU, slices inferior → superior) and returns the service's answer.</summary>
    /// <param name="volume">The normalized series; its voxels are streamed, not copied.</param>
    /// <param name="options">Stages and Grad-CAM to ask for.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <exception cref="InferenceServiceException">The service refused or failed the request, timed out or could not be reached.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<InferenceResponse> InferAsync(HuVolume volume, InferRequestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(options);
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(options)) { Content = new VolumeContent(volume.Voxels) };
        foreach (var (name, value) in ShapeHeaders(volume, options)) request.Headers.Add(name, value);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await RefusalAsync(response, cancellationToken).ConfigureAwait(false);
            InferenceResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync<InferenceResponse>(Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InferenceServiceException($"The service answered {(int)response.StatusCode} with a body that is not an inference response: {e.Message}", response.StatusCode, null, isTransient: false, e);
            }

            return body ?? throw new InferenceServiceException("The service answered with an empty body.", response.StatusCode, null, isTransient: false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: HttpClient.Timeout elapsed.
            throw new InferenceServiceException($"The service did not answer within {_http.Timeout.TotalSeconds:0.#} s.", null, null, isTransient: true, e);
        }
        catch (HttpRequestException e)
        {
            // Connection refused or reset, DNS, a body cut short: nothing says the request itself is wrong.
            var what = e.InnerException is SocketException socket ? $"{socket.SocketErrorCode}: {e.Message}" : e.Message;
            throw new InferenceServiceException($"The service could not be reached ({what}).", e.StatusCode, null, isTransient: true, e);
        }
        catch (IOException e)
        {
            throw new InferenceServiceException($"The connection to the service failed ({e.Message}).", null, null, isTransient: true, e);
        }
    }

    /// <summary>The request path and query for <paramref name="options"/>.</summary>
    internal static string RequestUri(InferRequestOptions options)
    {
        var query = new List<string>(2);
        if (options.AllStages) query.Add("allStages=true");
        if (options.GradCam) query.Add("gradcam=true");
        return query.Count == 0 ? "v1/infer" : "v1/infer?" + string.Join('&', query);
    }

    /// <summary>The shape headers of <paramref name="volume"/>.</summary>
    internal static IEnumerable<(string Name, string Value)> ShapeHeaders(HuVolume volume, InferRequestOptions options)
    {
        // The service rebuilds positions from one spacing; slab planning reads only the median spacing, so that is the one sent.
        var spacing = volume.Depth > 1 ? SlabPlanner.MedianSpacing(volume.SlicePositionsMm) : options.SingleSliceSpacingMm;
        yield return (VolumeHeaders.Width, volume.Width.ToString(CultureInfo.InvariantCulture));
        yield return (VolumeHeaders.Height, volume.Height.ToString(CultureInfo.InvariantCulture));
        yield return (VolumeHeaders.Slices, volume.Depth.ToString(CultureInfo.InvariantCulture));
        yield return (VolumeHeaders.RowSpacingMm, volume.RowSpacingMm.ToString("R", CultureInfo.InvariantCulture));
        yield return (VolumeHeaders.ColumnSpacingMm, volume.ColumnSpacingMm.ToString("R", CultureInfo.InvariantCulture));
        yield return (VolumeHeaders.SliceSpacingMm, spacing.ToString("R", CultureInfo.InvariantCulture));
    }

    private static async Task<InferenceServiceException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        string reason;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            reason = TryReadError(text) ?? (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            reason = $"(the body could not be read: {e.Message})";
        }

        return new InferenceServiceException($"The service answered {(int)status} {status}: {reason}", status, RetryAfter(response), InferenceServiceException.IsTransientStatus(status));
    }

    private static string? TryReadError(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ErrorBody>(text, Json)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero;
        return null;
    }
}
