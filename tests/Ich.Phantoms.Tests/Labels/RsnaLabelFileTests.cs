using Ich.Phantoms.Labels;

namespace Ich.Phantoms.Tests.Labels;

public sealed class RsnaLabelFileTests
{
    private static string Rows(string uid, params int[] values) => string.Concat(
        HemorrhageSubtypes.RsnaLabelNames.Select((name, i) => $"ID_{uid}_{name},{values[i]}\n"));

    private static RsnaLabels Read(string text) =>
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

    [Fact]
    public void Read_GivenChallengeFormRows_KeysBySopInstanceUidWithItsIdPrefix()
    {
        var labels = Read("ID,Label\n" + Rows("63eb1e259", 1, 0, 0, 0, 0, 1) + Rows("2669954a7", 0, 0, 0, 0, 0, 0));

        Assert.Equal(["ID_2669954a7", "ID_63eb1e259"], labels.Keys.Order(StringComparer.Ordinal));
        Assert.True(labels["ID_63eb1e259"].Has(HemorrhageSubtype.Epidural));
        Assert.Equal("none", labels["ID_2669954a7"].ToString());
    }

    [Fact]
    public void Read_GivenPhantomFormRows_KeysByTheDottedUid()
    {
        var labels = Read("ID,Label\n" + Rows("1.2.826.0.1.3680043.9", 0, 0, 0, 0, 1, 1));

        Assert.Equal("1.2.826.0.1.3680043.9", Assert.Single(labels.Keys));
        Assert.True(labels["1.2.826.0.1.3680043.9"].Has(HemorrhageSubtype.Subdural));
    }

    [Fact]
    public void TryGetValue_GivenEitherSpellingOfTheId_FindsTheSlice()
    {
        var labels = Read("ID,Label\n" + Rows("63eb1e259", 0, 1, 0, 0, 0, 1) + Rows("1.2.3", 0, 0, 0, 0, 0, 0));

        Assert.True(labels.TryGetValue("63eb1e259", out var challenge));
        Assert.True(challenge.Has(HemorrhageSubtype.Intraparenchymal));
        Assert.True(labels.ContainsKey("ID_1.2.3"));
        Assert.False(labels.ContainsKey("ID_1.2.4"));
    }

    [Fact]
    public void Read_GivenExactDuplicateRows_AcceptsAndCountsThem()
    {
        var rows = Rows("63eb1e259", 0, 0, 0, 1, 0, 1);
        var labels = Read("ID,Label\n" + rows + "ID_63eb1e259_subarachnoid,1\n" + "ID_63eb1e259_any,1\n");

        Assert.Equal(2, labels.DuplicateRowCount);
        Assert.Equal("subarachnoid", Assert.Single(labels.Values).ToString());
    }

    [Fact]
    public void Read_GivenConflictingDuplicateRow_ThrowsFormatExceptionNamingTheRow()
    {
        var text = "ID,Label\n" + Rows("63eb1e259", 0, 0, 0, 1, 0, 1) + "ID_63eb1e259_subarachnoid,0\n";

        var e = Assert.Throws<FormatException>(() => Read(text));

        Assert.Contains("labels.csv:8", e.Message);
        Assert.Contains("ID_63eb1e259_subarachnoid,0", e.Message);
    }

    [Fact]
    public void Read_GivenWindowsLineEndings_ReadsTheRows()
    {
        var labels = Read(("ID,Label\n" + Rows("63eb1e259", 0, 0, 0, 0, 0, 0)).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("none", labels["ID_63eb1e259"].ToString());
    }
}
