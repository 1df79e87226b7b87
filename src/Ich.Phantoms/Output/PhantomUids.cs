using System.Globalization;
using Ich.Dicom.Objects;

namespace Ich.Phantoms.Output;

/// <summary>
/// Deterministic UIDs of phantom objects: name-based UUIDs (version 5) under the 2.25 root, from names such as
/// <c>ich-phantom/seed-7/study-3/series-2/instance-14</c>. The same seed and index always give the same UIDs, and
/// no two phantom objects share one.
/// </summary>
public static class PhantomUids
{
    /// <summary>The UID root (PS3.5 B.2: a UUID as one decimal number).</summary>
    public const string Root = UidGenerator.Root;

    /// <summary>Study Instance UID.</summary>
    public static string Study(long seed, int study) => UidGenerator.FromName(Name(seed, study));

    /// <summary>Series Instance UID.</summary>
    public static string Series(long seed, int study, int seriesNumber) =>
        UidGenerator.FromName(Name(seed, study) + "/series-" + seriesNumber.ToString(CultureInfo.InvariantCulture));

    /// <summary>SOP Instance UID of one image.</summary>
    public static string Instance(long seed, int study, int seriesNumber, int instanceNumber) =>
        UidGenerator.FromName(Name(seed, study) + "/series-" + seriesNumber.ToString(CultureInfo.InvariantCulture)
            + "/instance-" + instanceNumber.ToString(CultureInfo.InvariantCulture));

    /// <summary>Frame of Reference UID shared by the series of a study.</summary>
    public static string FrameOfReference(long seed, int study) => UidGenerator.FromName(Name(seed, study) + "/frame-of-reference");

    private static string Name(long seed, int study) =>
        "ich-phantom/seed-" + seed.ToString(CultureInfo.InvariantCulture) + "/study-" + study.ToString(CultureInfo.InvariantCulture);
}
