using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Assembly;

/// <summary>A slice in its place in the volume.</summary>
/// <param name="Header">The slice's header.</param>
/// <param name="Position">Its Image Position (Patient) projected on the slice normal, mm.</param>
public sealed record OrderedSlice(SliceHeader Header, double Position);
