using Ich.Dicom.Pixels.Codecs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>
/// Corrupt frames must give a typed <see cref="PixelDecodingException"/> naming the transfer syntax (or decode to
/// something, for damage a codec cannot detect) — never another exception type, a crash or a hang.
/// </summary>
public sealed class CorruptInputTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Fixtures => new(
        "ct-rle-512",
        "ct-small-jpeg-lossless-p14-sv6",
        "ge-ct-jpeg-lossless-sv1",
        "nm-jpeg-extended-12bit",
        "ct-512-jpeg-ls-lossless",
        "mr-small-j2k-lossless",
        "ct-j2k-512");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GivenTruncatedFrame_WhenDecoded_ThenTypedErrorNamingTheSyntax(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);

        foreach (double fraction in new[] { 0.1, 0.5, 0.9 })
        {
            var truncated = encoded.WithData(encoded.Data[..(int)(encoded.Data.Length * fraction)]);
            var error = Assert.Throws<PixelDecodingException>(() => RunWithinBudget(truncated));
            Assert.Contains(encoded.TransferSyntax.Uid, error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GivenRandomBytes_WhenDecoded_ThenTypedErrorNamingTheSyntax(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);
        var random = new Random(20261126);
        byte[] garbage = new byte[encoded.Data.Length];
        random.NextBytes(garbage);

        var error = Assert.Throws<PixelDecodingException>(() => RunWithinBudget(encoded.WithData(garbage)));

        Assert.Contains(encoded.TransferSyntax.Uid, error.Message);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GivenFlippedBits_WhenDecoded_ThenDecodesOrThrowsOnlyTypedErrors(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);
        var random = new Random(7);

        for (int attempt = 0; attempt < 12; attempt++)
        {
            byte[] damaged = encoded.Data.ToArray();
            for (int flip = 0; flip < 4; flip++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                RunWithinBudget(encoded.WithData(damaged));
            }
            catch (PixelDecodingException error)
            {
                Assert.Contains(encoded.TransferSyntax.Uid, error.Message);
            }
        }
    }

    private static void RunWithinBudget(EncodedFrame frame)
    {
        var decoding = Task.Run(frame.Decode);
        try
        {
            Assert.True(decoding.Wait(Budget), $"Decoding a corrupt frame did not finish within {Budget.TotalSeconds} s.");
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }
}
