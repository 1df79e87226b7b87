namespace Ich.Evaluation.Tests.Readers;

/// <summary>
/// Three readers of six subjects for "any", worked by hand in the tests:
/// <code>
///  subject    S1 S2 S3 S4 S5 S6
///  reference   1  1  1  0  0  0
///  R1          1  1  0  0  0  1
///  R2          1  1  1  0  0  0
///  R3          1  0  0  0  0  0
/// </code>
/// </summary>
internal static class ThreeReaders
{
    public const string Csv = """
        reader,subject,label,value
        R1,S1,any,1
        R1,S2,any,1
        R1,S3,any,0
        R1,S4,any,0
        R1,S5,any,0
        R1,S6,any,1
        R2,S1,any,1
        R2,S2,any,1
        R2,S3,any,1
        R2,S4,any,0
        R2,S5,any,0
        R2,S6,any,0
        R3,S1,any,1
        R3,S2,any,0
        R3,S3,any,0
        R3,S4,any,0
        R3,S5,any,0
        R3,S6,any,0
        """;

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Reference =
        new Dictionary<string, IReadOnlyDictionary<string, bool>>
        {
            ["any"] = new Dictionary<string, bool> { ["S1"] = true, ["S2"] = true, ["S3"] = true, ["S4"] = false, ["S5"] = false, ["S6"] = false },
        };

    public static Ich.Evaluation.Readers.ReaderReads Reads => Ich.Evaluation.Readers.ReaderReads.Parse(new StringReader(Csv));
}
