using System.Text.Json;
using Ich.Notify.Events;

namespace Ich.Notify.Tests.Events;

public sealed class StudyEventsTests
{
    private const string Uid = "1.2.826.0.1.3680043.8.498.12345";
    private static readonly DateTimeOffset Time = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri Results = new("https://ich.example/api/studies/1.2.826.0.1.3680043.8.498.12345");

    [Fact]
    public void Completed_SerializesEveryCloudEventsAttribute()
    {
        var cloudEvent = StudyEvents.Completed("urn:ich:test", Uid, true, ["subdural"], "ich-2026.12", Results, Time);

        using var json = JsonDocument.Parse(StudyEvents.Serialize(cloudEvent));
        var root = json.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("ich.study.completed", root.GetProperty("type").GetString());
        Assert.Equal("urn:ich:test", root.GetProperty("source").GetString());
        Assert.Equal("studies/" + Uid, root.GetProperty("subject").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(Time, root.GetProperty("time").GetDateTimeOffset());
        Assert.StartsWith("evt_", root.GetProperty("id").GetString());
    }

    [Fact]
    public void Completed_DataCarriesFindingsAndNothingElse()
    {
        var cloudEvent = StudyEvents.Completed("urn:ich:test", Uid, true, ["subdural", "subarachnoid"], "ich-2026.12", Results, Time);

        using var json = JsonDocument.Parse(StudyEvents.Serialize(cloudEvent));
        var data = json.RootElement.GetProperty("data");

        Assert.Equal(["studyInstanceUid", "status", "positive", "positiveLabels", "modelVersion", "resultsUrl"],
            data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Uid, data.GetProperty("studyInstanceUid").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.True(data.GetProperty("positive").GetBoolean());
        Assert.Equal(["subdural", "subarachnoid"], data.GetProperty("positiveLabels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Results.AbsoluteUri, data.GetProperty("resultsUrl").GetString());
    }

    [Fact]
    public void Failed_CarriesReasonAndIsNotPositive()
    {
        var cloudEvent = StudyEvents.Failed("urn:ich:test", Uid, "no usable series: every series is a localizer", null, null, Time);

        var back = StudyEvents.Deserialize(StudyEvents.Serialize(cloudEvent));

        Assert.Equal(StudyEventTypes.Failed, back.Type);
        Assert.Equal("failed", back.Data.Status);
        Assert.False(back.Data.Positive);
        Assert.Empty(back.Data.PositiveLabels);
        Assert.Equal("no usable series: every series is a localizer", back.Data.FailureReason);
    }

    [Fact]
    public void IdFor_IsStablePerStudyAndOutcome()
    {
        var first = StudyEvents.Completed("urn:ich:a", Uid, false, [], "m1", Results, Time);
        var again = StudyEvents.Completed("urn:ich:a", Uid, false, [], "m1", Results, Time.AddHours(1));
        var failed = StudyEvents.Failed("urn:ich:a", Uid, "broken", null, null, Time);

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, failed.Id);
    }

    [Fact]
    public void Completed_RefusesLabelsOnANegativeStudy()
    {
        Assert.Throws<ArgumentException>(() => StudyEvents.Completed("urn:ich:test", Uid, false, ["subdural"], "m1", Results, Time));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3 4")]
    [InlineData("1.2.840.10008.1111111111111111111111111111111111111111111111111111111111")]
    public void Completed_RefusesWhatIsNotAUid(string uid)
    {
        Assert.ThrowsAny<ArgumentException>(() => StudyEvents.Completed("urn:ich:test", uid, false, [], "m1", Results, Time));
    }
}
