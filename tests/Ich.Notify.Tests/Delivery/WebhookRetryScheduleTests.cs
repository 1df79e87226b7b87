using System.Net.Http.Headers;
using Ich.Notify.Delivery;

namespace Ich.Notify.Tests.Delivery;

public sealed class WebhookRetryScheduleTests
{
    private static readonly WebhookRetrySchedule Schedule = new(maxAttempts: 5, baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    public void Next_2xxIsDelivered(int status)
    {
        var decision = Schedule.Next(1, DeliveryAttemptOutcome.Response(status), 0.5);

        Assert.Equal(DeliveryVerdict.Delivered, decision.Verdict);
        Assert.True(decision.IsFinal);
    }

    [Fact]
    public void Next_410EndsTheSubscription()
    {
        Assert.Equal(DeliveryVerdict.Gone, Schedule.Next(1, DeliveryAttemptOutcome.Response(410), 0.5).Verdict);
    }

    [Theory]
    // attempt, jitter, expected seconds: full jitter × min(20, 2 × 2^(attempt-1))
    [InlineData(1, 0.5, 1.0)]
    [InlineData(2, 0.5, 2.0)]
    [InlineData(3, 0.25, 2.0)]
    [InlineData(4, 0.999, 15.984)]
    [InlineData(4, 0.0, 0.0)]
    public void Next_BacksOffExponentiallyWithFullJitter(int attempt, double jitter, double seconds)
    {
        var decision = Schedule.Next(attempt, DeliveryAttemptOutcome.Response(500), jitter);

        Assert.Equal(DeliveryVerdict.Retry, decision.Verdict);
        Assert.Equal(seconds, decision.Delay.TotalSeconds, 6);
    }

    [Fact]
    public void Backoff_StopsAtTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), Schedule.Backoff(5));
        Assert.Equal(TimeSpan.FromSeconds(20), Schedule.Backoff(1000));
    }

    [Fact]
    public void Next_GivesUpAfterTheLastAttempt()
    {
        var decision = Schedule.Next(5, DeliveryAttemptOutcome.Response(503), 0.5);

        Assert.Equal(DeliveryVerdict.GaveUp, decision.Verdict);
        Assert.Equal("HTTP 503 on attempt 5 of 5", decision.Reason);
    }

    [Fact]
    public void Next_TimeoutIsRetried()
    {
        var decision = Schedule.Next(1, DeliveryAttemptOutcome.TimedOut(TimeSpan.FromSeconds(10)), 0.5);

        Assert.Equal(DeliveryVerdict.Retry, decision.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(1), decision.Delay);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void Next_HonoursRetryAfterExactly(int status)
    {
        var decision = Schedule.Next(1, DeliveryAttemptOutcome.Response(status, TimeSpan.FromSeconds(30)), 0.1);

        Assert.Equal(DeliveryVerdict.Retry, decision.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(30), decision.Delay);
    }

    [Fact]
    public void Next_GivesUpWhenRetryAfterExceedsTheLimit()
    {
        var decision = new WebhookRetrySchedule(maxRetryAfter: TimeSpan.FromMinutes(1))
            .Next(1, DeliveryAttemptOutcome.Response(429, TimeSpan.FromMinutes(2)), 0.1);

        Assert.Equal(DeliveryVerdict.GaveUp, decision.Verdict);
    }

    [Fact]
    public void Next_RefusedTargetIsNotRetried()
    {
        Assert.Equal(DeliveryVerdict.Refused, Schedule.Next(1, DeliveryAttemptOutcome.TargetRefused("loopback"), 0.5).Verdict);
    }

    [Fact]
    public void ParseRetryAfter_ReadsSecondsAndHttpDates()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(120), DeliveryAttemptOutcome.ParseRetryAfter(RetryConditionHeaderValue.Parse("120"), now));
        Assert.Equal(TimeSpan.FromSeconds(90),
            DeliveryAttemptOutcome.ParseRetryAfter(RetryConditionHeaderValue.Parse("Tue, 01 Dec 2026 10:01:30 GMT"), now));
        Assert.Equal(TimeSpan.Zero,
            DeliveryAttemptOutcome.ParseRetryAfter(RetryConditionHeaderValue.Parse("Tue, 01 Dec 2026 09:00:00 GMT"), now));
        Assert.Null(DeliveryAttemptOutcome.ParseRetryAfter(null, now));
    }

    [Fact]
    public void JitterFor_IsDeterministicAndInRange()
    {
        var values = Enumerable.Range(1, 200).Select(a => WebhookRetrySchedule.JitterFor("evt_1", a)).ToList();

        Assert.Equal(values, Enumerable.Range(1, 200).Select(a => WebhookRetrySchedule.JitterFor("evt_1", a)));
        Assert.All(values, v => Assert.InRange(v, 0, 0.9999999999));
        Assert.True(values.Distinct().Count() > 190);
        Assert.NotEqual(WebhookRetrySchedule.JitterFor("evt_1", 1), WebhookRetrySchedule.JitterFor("evt_2", 1));
    }

    [Fact]
    public void Constructor_RefusesZeroAttempts()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookRetrySchedule(maxAttempts: 0));
        Assert.Equal("maxAttempts", e.ParamName);
    }
}
