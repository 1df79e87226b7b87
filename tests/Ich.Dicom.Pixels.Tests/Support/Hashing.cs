using System.Security.Cryptography;

namespace Ich.Dicom.Pixels.Tests.Support;

internal static class Hashing
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
