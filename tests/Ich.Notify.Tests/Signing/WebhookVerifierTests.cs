using Ich.Notify.Signing;
using static Ich.Notify.Tests.Signing.WebhookSignerTests;

namespace Ich.Notify.Tests.Signing;

public sealed class WebhookVerifierTests
{
    private static WebhookVerifier At(DateTimeOffset now) => new(SpecSecret, new FixedClock(now));

    [Fact]
    public void Verify_AcceptsTheSpecExampleAtItsTime()
    {
        var result = At(SpecTime).Verify(SpecId, "1614265330", SpecSignature, SpecBody);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_AcceptsAMatchAmongSeveralSignatures()
    {
        var result = At(SpecTime).Verify(SpecId, "1614265330", "v1,bm90IHRoaXMgb25l " + SpecSignature, SpecBody);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_RefusesATamperedBody()
    {
        var result = At(SpecTime).Verify(SpecId, "1614265330", SpecSignature, "{\"test\": 2432232315}");

        Assert.False(result.IsValid);
        Assert.Equal("no v1 signature matches", result.Failure);
    }

    [Fact]
    public void Verify_RefusesAnotherMessageId()
    {
        Assert.False(At(SpecTime).Verify("msg_other", "1614265330", SpecSignature, SpecBody).IsValid);
    }

    [Fact]
    public void Verify_AcceptsFourMinutesOfClockDistance()
    {
        Assert.True(At(SpecTime.AddMinutes(4)).Verify(SpecId, "1614265330", SpecSignature, SpecBody).IsValid);
        Assert.True(At(SpecTime.AddMinutes(-4)).Verify(SpecId, "1614265330", SpecSignature, SpecBody).IsValid);
    }

    [Fact]
    public void Verify_RefusesAStaleTimestamp()
    {
        var result = At(SpecTime.AddMinutes(5).AddSeconds(1)).Verify(SpecId, "1614265330", SpecSignature, SpecBody);

        Assert.False(result.IsValid);
        Assert.Contains("from now", result.Failure);
    }

    [Fact]
    public void Verify_RefusesATimestampFromTheFuture()
    {
        Assert.False(At(SpecTime.AddMinutes(-6)).Verify(SpecId, "1614265330", SpecSignature, SpecBody).IsValid);
    }

    [Theory]
    [InlineData(null, "1614265330", SpecSignature)]
    [InlineData(SpecId, "", SpecSignature)]
    [InlineData(SpecId, "1614265330", null)]
    [InlineData(SpecId, "16142653.30", SpecSignature)]
    [InlineData(SpecId, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void Verify_RefusesMissingOrMalformedHeaders(string? id, string? timestamp, string? signature)
    {
        Assert.False(At(SpecTime).Verify(id, timestamp, signature, SpecBody).IsValid);
    }
}
