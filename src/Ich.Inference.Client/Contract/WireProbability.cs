namespace Ich.Inference.Client.Contract;

/// <summary>
/// How a model probability travels: rounded to six decimals (float32 outputs carry no more, and the JSON stays
/// readable). Every host that reports a probability rounds through here, so in-process and remote runs agree digit
/// for digit.
/// </summary>
public static class WireProbability
{
    /// <summary>Decimals kept on the wire.</summary>
    public const int Decimals = 6;

    /// <summary>The wire value of a model output.</summary>
    public static double Round(float probability) => Math.Round(probability, Decimals);
}
