namespace Ich.Dicom.Series.Inputs;

/// <summary>Checks archive entry names before anything is done with them.</summary>
internal static class ArchiveEntryNames
{
    /// <summary>
    /// Why <paramref name="name"/> would leave the archive root if extracted (a <c>..</c> segment, a leading slash or
    /// backslash, a drive letter, a NUL), or null when it is safe. We never extract to disk, but a name that tries is a
    /// sign of a hostile archive and must not end up in paths further down the pipeline.
    /// </summary>
    public static string? TraversalProblem(string name)
    {
        if (name.Contains('\0')) return "the entry name contains a NUL character";
        if (name.StartsWith('/') || name.StartsWith('\\')) return "the entry name is an absolute path";
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') return "the entry name starts with a drive letter";
        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment == "..") return "the entry name climbs out of the archive with '..'";
        }
        return null;
    }

    /// <summary>Whether the bytes start like a zip archive (local file header or empty-archive signature).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 4 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K' &&
        ((prefix[2] == 3 && prefix[3] == 4) || (prefix[2] == 5 && prefix[3] == 6));
}
