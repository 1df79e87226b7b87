namespace Ich.Evaluation.Readers;

/// <summary>
/// Human reads, one 0/1 value per reader, subject and label. The CSV format:
/// <code>
/// reader,subject,label,value
/// R1,CQ500-CT-1,any,1
/// R1,CQ500-CT-1,subdural,0
/// </code>
/// The header line is required (case-insensitive). Fields are separated by commas with no quoting, so names must
/// not contain commas; surrounding spaces are trimmed and blank lines ignored. <c>value</c> is <c>0</c>
/// (negative) or <c>1</c> (positive). A reader may leave subjects or labels unread, but may read each
/// (subject, label) once. Names are compared exactly (ordinal, case-sensitive).
/// </summary>
public sealed class ReaderReads
{
    private const string Header = "reader,subject,label,value";
    private readonly Dictionary<(string Reader, string Subject, string Label), bool> _reads;

    private ReaderReads(Dictionary<(string, string, string), bool> reads, List<string> readers, List<string> subjects, List<string> labels)
    {
        _reads = reads;
        Readers = readers;
        Subjects = subjects;
        Labels = labels;
    }

    /// <summary>Readers in order of first appearance.</summary>
    public IReadOnlyList<string> Readers { get; }

    /// <summary>Subjects in order of first appearance.</summary>
    public IReadOnlyList<string> Subjects { get; }

    /// <summary>Labels in order of first appearance.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Reads a CSV file in the format described on <see cref="ReaderReads"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file breaks the format; the message names the line.</exception>
    public static ReaderReads Load(string path)
    {
        using var text = File.OpenText(path);
        return Parse(text);
    }

    /// <summary>Parses CSV text in the format described on <see cref="ReaderReads"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <exception cref="InvalidDataException">The text breaks the format; the message names the line.</exception>
    public static ReaderReads Parse(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var reads = new Dictionary<(string, string, string), bool>();
        List<string> readers = [], subjects = [], labels = [];
        var lineNumber = 0;
        var sawHeader = false;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (!sawHeader)
            {
                if (!string.Equals(string.Join(",", fields), Header, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"line {lineNumber}: expected the header '{Header}', found '{line}'.");
                }

                sawHeader = true;
                continue;
            }

            if (fields.Length != 4 || fields.Take(3).Any(f => f.Length == 0))
            {
                throw new InvalidDataException($"line {lineNumber}: expected 4 non-empty fields 'reader,subject,label,value', found '{line}'.");
            }

            var value = fields[3] switch
            {
                "0" => false,
                "1" => true,
                _ => throw new InvalidDataException($"line {lineNumber}: value must be 0 or 1, found '{fields[3]}'."),
            };
            if (!reads.TryAdd((fields[0], fields[1], fields[2]), value))
            {
                throw new InvalidDataException($"line {lineNumber}: reader '{fields[0]}' already read subject '{fields[1]}' for '{fields[2]}'.");
            }

            AddNew(readers, fields[0]);
            AddNew(subjects, fields[1]);
            AddNew(labels, fields[2]);
        }

        if (!sawHeader)
        {
            throw new InvalidDataException($"The reads are empty: expected the header '{Header}'.");
        }

        return new ReaderReads(reads, readers, subjects, labels);
    }

    /// <summary>One reader's read of one subject for one label, or null when not read.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="label">The label.</param>
    public bool? Read(string reader, string subject, string label) =>
        _reads.TryGetValue((reader, subject, label), out var value) ? value : null;

    /// <summary>The subjects a reader read for a label, with the read values, in subject order.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="label">The label.</param>
    public IReadOnlyList<(string Subject, bool Value)> ReadsOf(string reader, string label) =>
        Subjects.Where(s => _reads.ContainsKey((reader, s, label))).Select(s => (s, _reads[(reader, s, label)])).ToList();

    private static void AddNew(List<string> list, string name)
    {
        if (!list.Contains(name))
        {
            list.Add(name);
        }
    }
}
