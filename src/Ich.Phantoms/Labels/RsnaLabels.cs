using System.Diagnostics.CodeAnalysis;

namespace Ich.Phantoms.Labels;

/// <summary>
/// The labels of an RSNA-format label file, by SOP Instance UID as the DICOM files state it (see
/// <see cref="RsnaLabelFile"/>). A lookup also finds a challenge-form slice by its id without the <c>ID_</c> prefix,
/// and a dotted UID given with one, so a caller holding either spelling gets the slice.
/// </summary>
public sealed class RsnaLabels : IReadOnlyDictionary<string, SliceLabelSet>
{
    private const string Prefix = "ID_";
    private readonly IReadOnlyDictionary<string, SliceLabelSet> _bySopInstanceUid;

    internal RsnaLabels(IReadOnlyDictionary<string, SliceLabelSet> bySopInstanceUid, int duplicateRowCount)
    {
        _bySopInstanceUid = bySopInstanceUid;
        DuplicateRowCount = duplicateRowCount;
    }

    /// <summary>Rows that repeated an earlier row exactly (accepted, not counted twice).</summary>
    public int DuplicateRowCount { get; }

    /// <summary>Number of slices.</summary>
    public int Count => _bySopInstanceUid.Count;

    /// <summary>The SOP Instance UIDs, as the files state them.</summary>
    public IEnumerable<string> Keys => _bySopInstanceUid.Keys;

    /// <summary>The label sets, in <see cref="Keys"/> order.</summary>
    public IEnumerable<SliceLabelSet> Values => _bySopInstanceUid.Values;

    /// <summary>The labels of the slice with SOP Instance UID <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No row names the slice.</exception>
    public SliceLabelSet this[string key] =>
        TryGetValue(key, out var labels) ? labels : throw new KeyNotFoundException($"No labels for slice '{key}'.");

    /// <summary>Whether the file labels the slice with SOP Instance UID <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Looks up the slice with SOP Instance UID <paramref name="key"/> (either spelling, see the type).</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SliceLabelSet value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_bySopInstanceUid.TryGetValue(key, out value)) return true;
        var other = key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..] : Prefix + key;
        return _bySopInstanceUid.TryGetValue(other, out value);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, SliceLabelSet>> GetEnumerator() => _bySopInstanceUid.GetEnumerator();

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
