using System.IO.Compression;
using System.Text.Json;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Inputs.Sources;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Pipeline.Tests.Fixtures;
using Ich.Testing;

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

    [Fact]
    public void GivenAnIngestOutput_WhenRoundTrippedThroughJson_ThenItIsUnchangedAndSelectionFromItMatches()
    {
        var output = IngestOperator.Run(new IngestRequest([fixture.StudyFolder]));

        var json = JsonSerializer.Serialize(output);
        var back = JsonSerializer.Deserialize<IngestOutput>(json)!;

        Assert.Null(back.Scan);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(output.Studies.Single().Series, back.Studies.Single().Series);
        Assert.Equal(
            JsonSerializer.Serialize(SelectSeriesOperator.Run(output)),
            JsonSerializer.Serialize(SelectSeriesOperator.Run(back)));
    }

    [Fact]
    public void GivenTheStudyZippedAsAForwardOnlyBlobStream_WhenIngestedSelectedAndNormalized_ThenTheVolumeEqualsTheFolders()
    {
        var zip = ZipOf(fixture.StudyFolder);
        var request = new IngestRequest([]) { Streams = [new StreamSource("uploads/study.zip", () => new ForwardOnlyStream(zip), zip.Length)] };

        NormalizedSeries fromBlob;
        using (var upload = request.Open(IngestOptions.FunctionsHost))
        {
            var selection = SelectSeriesOperator.Run(IngestOperator.Run(request, upload), upload).Single();
            Assert.StartsWith("uploads/study.zip!", selection.Instances[0].Source, StringComparison.Ordinal);
            Assert.Equal(["uploads/study.zip"], selection.UploadStreams);
            fromBlob = NormalizeOperator.Run(selection, upload);
        }

        Assert.Equal(fixture.Normalize().Volume.Hounsfield, fromBlob.Volume.Hounsfield);
    }

    [Fact]
    public void GivenADeserialisedRequestWithoutItsStreams_WhenOpened_ThenItSaysTheStreamsAreNeeded()
    {
        var request = new IngestRequest([]) { Streams = [new StreamSource("a.zip", () => new MemoryStream())] };
        var back = JsonSerializer.Deserialize<IngestRequest>(JsonSerializer.Serialize(request))!;

        Assert.Equal(["a.zip"], back.StreamNames);
        Assert.Contains("needs them again", Assert.Throws<InvalidOperationException>(() => back.Open()).Message);
    }

    private static byte[] ZipOf(string folder)
    {
        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }
}
