namespace Ich.Phantoms.Insertion.Backgrounds;

/// <summary>Reads a background from what a user points at: an InVesalius <c>.inv3</c> project, or DICOM (folder, file, .zip).</summary>
public static class BackgroundReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The path holds no readable head CT.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static HeadVolume Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        if (path.EndsWith(".inv3", StringComparison.OrdinalIgnoreCase)) return InvesaliusProjectReader.Read(path);
        try
        {
            return DicomHeadReader.Read(path);
        }
        catch (Ich.Dicom.Series.Inputs.IngestException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>A phantom study as a background (a valid normal head when generated without hemorrhage).</summary>
    public static HeadVolume FromPhantom(PhantomStudy study, string identity)
    {
        ArgumentNullException.ThrowIfNull(study);
        var n = study.Geometry.Matrix;
        var hu = new short[n * n * study.Slices.Count];
        for (var k = 0; k < study.Slices.Count; k++) study.Slices[k].CopyTo(hu, k * n * n);
        return new HeadVolume(identity, n, n, study.Slices.Count, study.Geometry.PixelSpacingMm, study.Geometry.SliceThicknessMm, hu);
    }
}
