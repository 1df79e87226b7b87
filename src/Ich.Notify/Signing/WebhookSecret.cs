using System.Security.Cryptography;

namespace Ich.Notify.Signing;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> followed by the base64 of the key bytes.</summary>
public static class WebhookSecret
{
    /// <summary>The prefix every secret carries.</summary>
    public const string Prefix = "whsec_";

    // 32 bytes = the HMAC-SHA256 block's worth of entropy the spec recommends (24 to 64 allowed).
    private const int KeyBytes = 32;

    /// <summary>A new random secret from the system's cryptographic generator.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key bytes of a secret.</summary>
    /// <param name="secret">A <c>whsec_</c> secret.</param>
    /// <exception cref="ArgumentException">No <c>whsec_</c> prefix, or not base64 after it, or an empty key.</exception>
    public static byte[] KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"A webhook secret starts with '{Prefix}'.", nameof(secret));
        try
        {
            var key = Convert.FromBase64String(secret[Prefix.Length..]);
            return key.Length > 0 ? key : throw new ArgumentException("The webhook secret holds no key.", nameof(secret));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("A webhook secret is base64 after its prefix.", nameof(secret), e);
        }
    }
}
