using System.Globalization;
using Ich.Inference.Client.Contract;
using Ich.InferenceService.Hosting;

namespace Ich.InferenceService.Requests;

/// <summary>The shape and geometry of a normalized series sent as an octet-stream body, read from its headers.</summary>
/// <param name="Width">Columns per slice.</param>
/// <param name="Height">Rows per slice.</param>
/// <param name="Slices">Number of slices.</param>
/// <param name="RowSpacingMm">Distance between rows, mm.</param>
/// <param name="ColumnSpacingMm">Distance between columns, mm.</param>
/// <param name="SliceSpacingMm">Distance between slice centres, mm.</param>
public sealed record VolumeShape(int Width, int Height, int Slices, double RowSpacingMm, double ColumnSpacingMm, double SliceSpacingMm)
{
    /// <summary>Largest accepted rows or columns per slice.</summary>
    public const int MaxMatrix = 4096;

    /// <summary>Bytes of float32 HU the body must hold.</summary>
    public long ByteCount => (long)Width * Height * Slices * sizeof(float);

    /// <summary>Reads and checks the shape headers against the limits.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="contentType">The request's media type.</param>
    /// <param name="contentLength">Its Content-Length, when sent.</param>
    /// <param name="options">Limits.</param>
    /// <param name="shape">The shape, when no problem is returned.</param>
    /// <returns>Null when the request is acceptable, else why not (415, 400 or 413).</returns>
    public static RequestProblem? TryRead(IHeaderDictionary headers, string? contentType, long? contentLength, InferenceServiceOptions options, out VolumeShape shape)
    {
        shape = null!;
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(mediaType, VolumeHeaders.OctetStream, StringComparison.OrdinalIgnoreCase))
        {
            var hint = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                ? " Blob references ({\"volume\": {\"blobUrl\": …}}) are not supported by this build."
                : string.Empty;
            return new RequestProblem(StatusCodes.Status415UnsupportedMediaType,
                $"The body must be {VolumeHeaders.OctetStream}: float32 little-endian HU, z-major, with the {VolumeHeaders.Width}/{VolumeHeaders.Height}/{VolumeHeaders.Slices} and spacing headers.{hint}");
        }

        if (Integer(headers, VolumeHeaders.Width, 1, MaxMatrix, out var width) is { } p1) return p1;
        if (Integer(headers, VolumeHeaders.Height, 1, MaxMatrix, out var height) is { } p2) return p2;
        if (Integer(headers, VolumeHeaders.Slices, 1, int.MaxValue, out var slices) is { } p3) return p3;
        if (Spacing(headers, VolumeHeaders.RowSpacingMm, 10, out var rowSpacing) is { } p4) return p4;
        if (Spacing(headers, VolumeHeaders.ColumnSpacingMm, 10, out var columnSpacing) is { } p5) return p5;
        if (Spacing(headers, VolumeHeaders.SliceSpacingMm, 50, out var sliceSpacing) is { } p6) return p6;

        if (slices > options.MaxSlices)
            return new RequestProblem(StatusCodes.Status413PayloadTooLarge, $"{slices} slices exceed this service's limit of {options.MaxSlices}.");
        var candidate = new VolumeShape(width, height, slices, rowSpacing, columnSpacing, sliceSpacing);
        if (candidate.ByteCount > options.MaxBodyBytes)
            return new RequestProblem(StatusCodes.Status413PayloadTooLarge, $"{width}×{height}×{slices} float32 is {candidate.ByteCount} bytes, over this service's limit of {options.MaxBodyBytes}.");
        if (contentLength is { } length && length > options.MaxBodyBytes)
            return new RequestProblem(StatusCodes.Status413PayloadTooLarge, $"The body of {length} bytes is over this service's limit of {options.MaxBodyBytes}.");
        if (contentLength is { } declared && declared != candidate.ByteCount)
            return new RequestProblem(StatusCodes.Status400BadRequest, $"The body is {declared} bytes, but {width}×{height}×{slices} float32 needs {candidate.ByteCount}.");
        shape = candidate;
        return null;
    }

    private static RequestProblem? Integer(IHeaderDictionary headers, string name, int min, int max, out int value)
    {
        value = 0;
        var text = headers[name].ToString();
        if (text.Length == 0) return new RequestProblem(StatusCodes.Status400BadRequest, $"The header {name} is missing.");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
            return new RequestProblem(StatusCodes.Status400BadRequest, $"The header {name} must be a whole number from {min} to {max}, not '{text}'.");
        return null;
    }

    private static RequestProblem? Spacing(IHeaderDictionary headers, string name, double max, out double value)
    {
        value = 0;
        var text = headers[name].ToString();
        if (text.Length == 0) return new RequestProblem(StatusCodes.Status400BadRequest, $"The header {name} is missing.");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value) || value <= 0 || value > max)
            return new RequestProblem(StatusCodes.Status400BadRequest, $"The header {name} must be a spacing in mm above 0 and at most {max}, not '{text}'.");
        return null;
    }
}
