using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Ich.Inference.Client.Contract;
using Ich.InferenceService.Requests;
using Ich.Phantoms;
using Ich.Preprocessing;

namespace Ich.InferenceService.Tests;

/// <summary>Phantom series as the service takes them: float32 HU bodies with the shape headers.</summary>
internal static class SeriesRequests
{
    public static HuVolume Phantom(int index = 0, bool? hemorrhage = null) =>
        new PhantomGenerator(17, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5, Hemorrhage = hemorrhage }).Generate(index).ToHuVolume();

    public static byte[] Body(HuVolume volume) => MemoryMarshal.AsBytes(volume.Voxels.AsSpan()).ToArray();

    public static HttpRequestMessage Infer(HuVolume volume, string query = "") => Infer(new ByteArrayContent(Body(volume)), volume.Width, volume.Height, volume.Depth, volume.RowSpacingMm, volume.ColumnSpacingMm, SliceSpacing(volume), query);

    public static HttpRequestMessage Infer(HttpContent content, int width, int height, int slices, double rowSpacing = 0.5, double columnSpacing = 0.5, double sliceSpacing = 5, string query = "")
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(VolumeHeaders.OctetStream);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/infer" + query) { Content = content };
        request.Headers.Add(VolumeHeaders.Width, width.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.Height, height.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.Slices, slices.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.RowSpacingMm, rowSpacing.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.ColumnSpacingMm, columnSpacing.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(VolumeHeaders.SliceSpacingMm, sliceSpacing.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    public static double SliceSpacing(HuVolume volume) => volume.Depth > 1 ? volume.SlicePositionsMm[1] - volume.SlicePositionsMm[0] : 5;
}
