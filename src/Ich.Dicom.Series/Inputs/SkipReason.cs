namespace Ich.Dicom.Series.Inputs;

/// <summary>Why a file, archive entry or instance was left out. Every skip is reported, never silent.</summary>
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

    /// <summary>A file or directory the process may not read, or a directory link (not followed).</summary>
    Unreadable,

    /// <summary>A second copy of an instance already seen (same SOP Instance UID).</summary>
    DuplicateInstance,

    /// <summary>An image that cannot be read as one greyscale Hounsfield image: colour, or more than one frame.</summary>
    UnsupportedImage,
}
