using Ich.Evaluation.Readers;

namespace Ich.Evaluation.Tests.Readers;

public class ReaderReadsTests
{
    [Fact]
    public void Load_File_ReadsEveryRow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reads-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "reader,subject,label,value\nR1,S1,any,1\n\nR2, S1 ,any,0\nR1,S2,subdural,0\n");
        try
        {
            var reads = ReaderReads.Load(path);

            Assert.Equal(["R1", "R2"], reads.Readers);
            Assert.Equal(["S1", "S2"], reads.Subjects);
            Assert.Equal(["any", "subdural"], reads.Labels);
            Assert.True(reads.Read("R1", "S1", "any"));
            Assert.False(reads.Read("R2", "S1", "any"));
            Assert.Null(reads.Read("R2", "S2", "subdural"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_MissingHeader_NamesTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReaderReads.Parse(new StringReader("R1,S1,any,1\n")));

        Assert.StartsWith("line 1:", error.Message);
    }

    [Fact]
    public void Parse_ValueOtherThanZeroOrOne_NamesTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReaderReads.Parse(new StringReader("reader,subject,label,value\nR1,S1,any,1\nR1,S2,any,yes\n")));

        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Parse_SameReadTwice_IsRejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReaderReads.Parse(new StringReader("reader,subject,label,value\nR1,S1,any,1\nR1,S1,any,1\n")));

        Assert.Contains("already read", error.Message);
    }

    [Fact]
    public void Parse_WrongFieldCount_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => ReaderReads.Parse(new StringReader("reader,subject,label,value\nR1,S1,1\n")));
    }
}
