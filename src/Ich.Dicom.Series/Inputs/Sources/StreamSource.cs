namespace Ich.Dicom.Series.Inputs.Sources;

/// <summary>
/// Content a host provides as streams, such as a blob: <c>new StreamSource("study.zip", () =&gt; blob.OpenRead())</c>.
/// The provider is called again for every read, so it must return a new stream each time. A seekable stream holding
/// an archive is read in place; a forward-only one is copied once to a temporary file (deleted when the
/// <see cref="Upload"/> is disposed), because a zip's directory sits at its end.
/// </summary>
public sealed class StreamSource : ContentSource
{
    private readonly Func<Stream> _open;

    /// <summary>Creates the source.</summary>
    /// <param name="name">The name its items are reported under (e.g. the blob name).</param>
    /// <param name="open">Returns a new readable stream over the whole content, at its start.</param>
    /// <param name="length">Length in bytes, if the host knows it.</param>
    public StreamSource(string name, Func<Stream> open, long? length = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Must not be negative.");
        _open = open;
        Length = length;
    }

    /// <inheritdoc />
    public override long? Length { get; }

    /// <inheritdoc />
    public override Stream OpenRead() =>
        _open() ?? throw new InvalidOperationException($"The stream provider of '{Name}' returned null.");
}
