using System.Globalization;
using Ich.Dicom.Objects;

namespace Ich.Phantoms.Output;

/// <summary>
/// Deterministic UIDs of phantom objects: name-based UUIDs (version 5) under the 2.25 root, from names such as
/// <c>ich-phantom/seed-7/study-3/series-2/instance-14</c>. The same seed and index always give the same UIDs, and
/// no two phantom objects share one. A lesion-free twin's names carry a <c>/twin</c> component after the study.
/// </summary>
public static class PhantomUids
{
    // The writer asks for UIDs by seed and index only; a twin is written inside a scope that adds the component
    // (per thread, because a cohort writes studies in parallel and each study on one thread).
    [ThreadStatic]
    private static bool t_twin;

    /// <summary>The UID root (PS3.5 B.2: a UUID as one decimal number).</summary>
    public const string Root = UidGenerator.Root;

    /// <summary>Study Instance UID.</summary>
    public static string Study(long seed, int study) => UidGenerator.FromName(Name(seed, study));

    /// <summary>Study Instance UID of study <paramref name="study"/> or of its lesion-free twin.</summary>
    public static string Study(long seed, int study, bool lesionFreeTwin) =>
        UidGenerator.FromName(BaseName(seed, study) + (lesionFreeTwin ? TwinComponent : ""));

    /// <summary>Series Instance UID.</summary>
    public static string Series(long seed, int study, int seriesNumber) =>
        UidGenerator.FromName(Name(seed, study) + "/series-" + seriesNumber.ToString(CultureInfo.InvariantCulture));

    /// <summary>SOP Instance UID of one image.</summary>
    public static string Instance(long seed, int study, int seriesNumber, int instanceNumber) =>
        UidGenerator.FromName(Name(seed, study) + "/series-" + seriesNumber.ToString(CultureInfo.InvariantCulture)
            + "/instance-" + instanceNumber.ToString(CultureInfo.InvariantCulture));

    /// <summary>Frame of Reference UID shared by the series of a study.</summary>
    public static string FrameOfReference(long seed, int study) => UidGenerator.FromName(Name(seed, study) + "/frame-of-reference");

    /// <summary>Until disposed, UIDs asked for on this thread are those of lesion-free twins.</summary>
    internal static TwinScope LesionFreeTwin() => new();

    private const string TwinComponent = "/twin";

    private static string Name(long seed, int study) => BaseName(seed, study) + (t_twin ? TwinComponent : "");

    private static string BaseName(long seed, int study) =>
        "ich-phantom/seed-" + seed.ToString(CultureInfo.InvariantCulture) + "/study-" + study.ToString(CultureInfo.InvariantCulture);

    /// <summary>Marks the current thread as writing a lesion-free twin.</summary>
    internal readonly struct TwinScope : IDisposable
    {
        public TwinScope() => t_twin = true;

        public void Dispose() => t_twin = false;
    }
}
