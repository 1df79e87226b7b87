using System.Text.Json.Serialization;

namespace Ich.Dicom.Series.Inputs;

/// <summary>Why a file, archive entry or instance was left out. Every skip is reported, never silent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkipReason>))]
public enum SkipReason
{
    /// <summary>Not a DICOM file (no DICM prefix and not a plausible bare dataset).</summary>
    NotDicom,

    /// <summary>A DICOM file too damaged to read.</summary>
    Corrupt,

    /// <summary>DICOM, but not an image (no Rows/Columns): a DICOMDIR, a structured report, a presentation state.</summary>
    NotAnImage,

    /// <summary>An archive entry whose name leaves the archive's root (<c>../</c>, an absolute path, a drive letter).</summary>
    PathTraversal,

    /// <summary>An archive inside an archive: not expanded.</summary>
    NestedArchive,

    /// <summary>A zip archive that cannot be opened.</summary>
    CorruptArchive,

    /// <summary>A file larger than <see cref="IngestOptions.MaxEntryBytes"/>.</summary>
    TooLarge,

    /// <summary>A file or directory the process may not read.</summary>
    Unreadable,

    /// <summary>A symbolic link (to a file or a folder) inside a folder: never followed, so an upload cannot reach outside itself or loop.</summary>
    Link,

    /// <summary>A second copy of an instance already seen (same SOP Instance UID).</summary>
    DuplicateInstance,

    /// <summary>An image that cannot be read as one greyscale Hounsfield image: colour, or more than one frame.</summary>
    UnsupportedImage,
}
