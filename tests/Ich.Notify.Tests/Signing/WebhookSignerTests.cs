using Ich.Notify.Signing;

namespace Ich.Notify.Tests.Signing;

public sealed class WebhookSignerTests
{
    // The Standard Webhooks spec's published example; the expected value was re-computed independently with
    //   python3 -c "import hmac,hashlib,base64; k=base64.b64decode('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    //   print(base64.b64encode(hmac.new(k, b'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}', hashlib.sha256).digest()))"
    internal const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    internal const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    internal const string SpecBody = "{\"test\": 2432232314}";
    internal const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    internal static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Sign_MatchesTheSpecExample()
    {
        var headers = new WebhookSigner(SpecSecret).Sign(SpecId, SpecTime, SpecBody);

        Assert.Equal(new WebhookHeaders(SpecId, "1614265330", SpecSignature), headers);
    }

    [Fact]
    public void Sign_RejectsASecretWithoutPrefix()
    {
        Assert.Throws<ArgumentException>(() => new WebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    [Fact]
    public void Generate_GivesDistinct32ByteSecrets()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", a);
        Assert.Equal(32, WebhookSecret.KeyOf(a).Length);
        Assert.NotEqual(a, b);
    }
}
