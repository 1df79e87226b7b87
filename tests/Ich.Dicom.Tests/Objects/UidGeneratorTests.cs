using System.Numerics;
using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

public sealed class UidGeneratorTests
{
    [Fact]
    public void NewUid_Always_IsAValid2Dot25UidOfAtMost64Characters()
    {
        var uid = UidGenerator.NewUid();

        Assert.StartsWith("2.25.", uid, StringComparison.Ordinal);
        Assert.True(UidGenerator.IsValid(uid), uid);
        Assert.InRange(uid.Length, 6, 44);
    }

    [Fact]
    public void NewUid_CalledTwice_GivesDifferentUids()
    {
        Assert.NotEqual(UidGenerator.NewUid(), UidGenerator.NewUid());
    }

    [Fact]
    public void NewUid_Always_EncodesAVersion4Uuid()
    {
        var value = BigInteger.Parse(UidGenerator.NewUid()["2.25.".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var uuid = new byte[16];
        bytes.CopyTo(uuid, 16 - bytes.Length);

        Assert.Equal(4, uuid[6] >> 4);
        Assert.Equal(0b10, uuid[8] >> 6);
    }

    [Fact]
    public void FromName_SameName_GivesTheSameUid()
    {
        Assert.Equal(UidGenerator.FromName("phantom/seed-7/study-3"), UidGenerator.FromName("phantom/seed-7/study-3"));
    }

    [Fact]
    public void FromName_DifferentNames_GiveDifferentValidUids()
    {
        var uids = Enumerable.Range(0, 1000).Select(i => UidGenerator.FromName($"phantom/seed-7/study-{i}")).ToArray();

        Assert.Equal(uids.Length, uids.Distinct().Count());
        Assert.All(uids, uid => Assert.True(UidGenerator.IsValid(uid), uid));
    }

    [Fact]
    public void FromName_KnownName_GivesThePinnedUid()
    {
        // Pinned so that a change to the namespace or hashing (which would renumber every phantom) fails here.
        Assert.Equal("2.25.182297508530279447706629468190997181886", UidGenerator.FromName("x"));
    }

    [Fact]
    public void FromName_EmptyName_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => UidGenerator.FromName(""));
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.2")]
    [InlineData("2.25.0")]
    [InlineData("0.1")]
    public void IsValid_WellFormedUid_IsTrue(string uid)
    {
        Assert.True(UidGenerator.IsValid(uid));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.03")]
    [InlineData("1..2")]
    [InlineData(".1.2")]
    [InlineData("1.2.")]
    [InlineData("1.2.a")]
    [InlineData("1.2 ")]
    public void IsValid_MalformedUid_IsFalse(string uid)
    {
        Assert.False(UidGenerator.IsValid(uid));
    }

    [Fact]
    public void IsValid_SixtyFiveCharacters_IsFalse()
    {
        Assert.True(UidGenerator.IsValid("1." + new string('2', 62)));
        Assert.False(UidGenerator.IsValid("1." + new string('2', 63)));
    }

    [Fact]
    public void Validate_LeadingZero_ThrowsWithAMessageNamingTheComponent()
    {
        var error = Assert.Throws<ArgumentException>(() => UidGenerator.Validate("1.2.03", "uid"));

        Assert.Contains("'03'", error.Message, StringComparison.Ordinal);
        Assert.Equal("uid", error.ParamName);
    }
}
