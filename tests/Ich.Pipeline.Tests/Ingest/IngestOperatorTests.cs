using Ich.Pipeline.Ingest;
using Ich.Pipeline.Tests.Fixtures;

namespace Ich.Pipeline.Tests.Ingest;

[Collection(PipelineCollection.Name)]
public sealed class IngestOperatorTests(PipelineFixture fixture)
{
    [Fact]
    public void GivenACohortFolder_WhenIngested_ThenTheStudyItsThreeSeriesAndTheSkippedCsvFilesAreReported()
    {
        var output = IngestOperator.Run(new IngestRequest([fixture.Uploads]));

        var study = Assert.Single(output.Studies);
        Assert.Equal(3, study.Series.Count);
        Assert.Contains(output.Skipped, s => s.Source.EndsWith("labels.csv", StringComparison.Ordinal));
    }
}
