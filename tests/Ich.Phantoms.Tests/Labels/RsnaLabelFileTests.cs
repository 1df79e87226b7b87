using Ich.Phantoms.Labels;

namespace Ich.Phantoms.Tests.Labels;

public sealed class RsnaLabelFileTests
{
    private static string Rows(string uid, params int[] values) => string.Concat(
        HemorrhageSubtypes.RsnaLabelNames.Select((name, i) => $"ID_{uid}_{name},{values[i]}\n"));

    private static IReadOnlyDictionary<string, SliceLabelSet> Read(string text) =>
        RsnaLabelFile.Read(new StringReader(text), "labels.csv");

    [Fact]
    public void Read_GivenCompleteRows_ReturnsEachSlicesLabels()
    {
        var labels = Read("ID,Label\n" + Rows("1.2.3", 0, 0, 0, 1, 1, 1) + Rows("1.2.4", 0, 0, 0, 0, 0, 0));

        Assert.True(labels["1.2.3"].Any);
        Assert.True(labels["1.2.3"].Has(HemorrhageSubtype.Subdural));
        Assert.False(labels["1.2.3"].Has(HemorrhageSubtype.Epidural));
        Assert.Equal("subarachnoid+subdural", labels["1.2.3"].ToString());
        Assert.Equal("none", labels["1.2.4"].ToString());
    }

    [Fact]
    public void Read_GivenWrongHeader_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => Read("Id,Value\n" + Rows("1.2.3", 0, 0, 0, 0, 0, 0)));

        Assert.Contains("ID,Label", e.Message);
    }

    [Fact]
    public void Read_GivenSliceMissingALabel_ThrowsFormatExceptionNamingTheSlice()
    {
        var text = "ID,Label\n" + string.Join('\n', Rows("1.2.3", 0, 0, 0, 0, 0, 0).Split('\n').Skip(1));

        var e = Assert.Throws<FormatException>(() => Read(text));

        Assert.Contains("1.2.3", e.Message);
    }

    [Theory]
    [InlineData("ID_1.2.3_epidural,2")]
    [InlineData("ID_1.2.3_bleed,1")]
    [InlineData("1.2.3_epidural,1")]
    public void Read_GivenMalformedRow_ThrowsFormatExceptionWithLineNumber(string row)
    {
        var e = Assert.Throws<FormatException>(() => Read("ID,Label\n" + row + "\n"));

        Assert.Contains("labels.csv:2", e.Message);
    }

    [Fact]
    public void Read_GivenRepeatedLabel_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => Read("ID,Label\nID_1.2.3_any,1\nID_1.2.3_any,0\n"));
    }
}
