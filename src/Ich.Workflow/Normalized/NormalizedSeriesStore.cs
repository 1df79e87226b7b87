using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Volumes;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Normalized;

/// <summary>
/// The header of a normalized series blob: the selection (with the source study's identity, which stays in storage,
/// never in logs) and everything <see cref="CtVolume"/> holds besides its voxels.
/// </summary>
public sealed record NormalizedSeriesHeader(
    SeriesSelection Selection,
    VolumeGeometry Geometry,
    IReadOnlyList<Vector3D> ImagePositions,
    IReadOnlyList<double> SlicePositions,
    IReadOnlyList<string> SopInstanceUids,
    IReadOnlyList<string> SourceNames,
    IReadOnlyList<SeriesProblem> Problems)
{
    /// <summary>The voxel format of the volume blob: little-endian float32 HU, z-major (slice, row, column).</summary>
    public string VoxelFormat { get; init; } = NormalizedSeriesStore.VoxelFormat;
}

/// <summary>
/// Keeps normalized series in the <see cref="StorageLayout.Normalized"/> container, so the stages after Normalize get a
/// reference (<see cref="NormalizedSeriesReference"/>), never pixels, in their payloads.
/// </summary>
public sealed class NormalizedSeriesStore(WorkflowStorage storage)
{
    /// <summary>The one voxel format written.</summary>
    public const string VoxelFormat = "float32-le";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Writes <paramref name="series"/> under its study and series folder and returns the reference.</summary>
    public async Task<NormalizedSeriesReference> WriteAsync(string studyKey, NormalizedSeries series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var seriesUid = series.Selection.SeriesInstanceUid ?? throw new ArgumentException("The series has no UID.", nameof(series));
        var folder = StorageLayout.SeriesFolder(studyKey, seriesUid);
        var reference = new NormalizedSeriesReference(studyKey, seriesUid, $"{folder}/series.json", $"{folder}/volume.f32");
        var volume = series.Volume;
        var header = new NormalizedSeriesHeader(series.Selection with { Assembly = null }, volume.Geometry, volume.ImagePositions,
            volume.SlicePositions, volume.SopInstanceUids, volume.SourceNames, volume.Problems);

        var voxels = Container.GetBlobClient(reference.VolumeBlob);
        await using (var stream = await voxels.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            await WriteVoxelsAsync(stream, volume.Hounsfield, cancellationToken).ConfigureAwait(false);
        await Container.GetBlobClient(reference.HeaderBlob).UploadAsync(BinaryData.FromObjectAsJson(header, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <summary>Reads a normalized series back.</summary>
    /// <exception cref="InvalidDataException">The blobs are missing, of another format or inconsistent.</exception>
    public async Task<NormalizedSeries> ReadAsync(NormalizedSeriesReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        NormalizedSeriesHeader header;
        try
        {
            var content = await Container.GetBlobClient(reference.HeaderBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            header = content.Value.Content.ToObjectFromJson<NormalizedSeriesHeader>(Json)
                ?? throw new InvalidDataException($"{reference.HeaderBlob} is empty.");
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidDataException($"The normalized series {reference.HeaderBlob} is missing.", e);
        }

        if (header.VoxelFormat != VoxelFormat) throw new InvalidDataException($"Voxel format {header.VoxelFormat} is not {VoxelFormat}.");
        var count = (long)header.Geometry.Rows * header.Geometry.Columns * header.SlicePositions.Count;
        var voxels = new float[count];
        var blob = Container.GetBlobClient(reference.VolumeBlob);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (properties.ContentLength != count * sizeof(float))
            throw new InvalidDataException($"{reference.VolumeBlob} holds {properties.ContentLength} bytes, not the {count * sizeof(float)} its header describes.");
        await using (var source = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            await ReadVoxelsAsync(source, voxels, cancellationToken).ConfigureAwait(false);
        if (!BitConverter.IsLittleEndian) ReverseEndianness(voxels);

        var volume = new CtVolume(header.Geometry, voxels, header.ImagePositions, header.SlicePositions, header.SopInstanceUids, header.SourceNames, header.Problems);
        return new NormalizedSeries(header.Selection, volume);
    }

    private BlobContainerClient Container => storage.Normalized;

    // Voxels go through a 1 MiB buffer each way: a 512² × 300 series is 300 MB, and a copy of it would double that.
    private const int ChunkBytes = 1 << 20;

    private static async Task WriteVoxelsAsync(Stream stream, float[] voxels, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long total = (long)voxels.Length * sizeof(float);
        for (long offset = 0; offset < total; offset += ChunkBytes)
        {
            var length = (int)Math.Min(ChunkBytes, total - offset);
            CopyOut(voxels, offset, buffer.AsSpan(0, length));
            await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ReadVoxelsAsync(Stream stream, float[] voxels, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long total = (long)voxels.Length * sizeof(float);
        for (long offset = 0; offset < total; offset += ChunkBytes)
        {
            var length = (int)Math.Min(ChunkBytes, total - offset);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            CopyIn(buffer.AsSpan(0, length), voxels, offset);
        }
    }

    private static void CopyOut(float[] voxels, long byteOffset, Span<byte> target) =>
        MemoryMarshal.AsBytes(voxels.AsSpan((int)(byteOffset / sizeof(float)), target.Length / sizeof(float))).CopyTo(target);

    private static void CopyIn(ReadOnlySpan<byte> source, float[] voxels, long byteOffset) =>
        source.CopyTo(MemoryMarshal.AsBytes(voxels.AsSpan((int)(byteOffset / sizeof(float)), source.Length / sizeof(float))));

    private static void ReverseEndianness(float[] values)
    {
        var ints = MemoryMarshal.Cast<float, int>(values.AsSpan());
        BinaryPrimitives.ReverseEndianness(ints, ints);
    }
}

/// <summary>Where one normalized series is kept.</summary>
/// <param name="StudyKey">The study's key.</param>
/// <param name="SeriesInstanceUid">The series.</param>
/// <param name="HeaderBlob">Its header (JSON) in the normalized container.</param>
/// <param name="VolumeBlob">Its voxels in the normalized container.</param>
public sealed record NormalizedSeriesReference(string StudyKey, string SeriesInstanceUid, string HeaderBlob, string VolumeBlob);
