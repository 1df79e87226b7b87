using System.Text.Json.Serialization;

namespace Ich.Dicom.Series.Selection;

/// <summary>How suitable a reconstruction kernel is for reading brain parenchyma and blood.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KernelClass>))]
public enum KernelClass
{
    /// <summary>A soft-tissue or brain kernel (preferred).</summary>
    SoftTissue,

    /// <summary>No kernel given, or a name the rules do not recognise (acceptable, ranked below soft tissue).</summary>
    Unknown,

    /// <summary>A bone, lung or otherwise sharp kernel (not analysed: noise hides subtle blood).</summary>
    Sharp,
}
