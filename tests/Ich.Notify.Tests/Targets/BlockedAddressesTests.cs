using System.Net;
using Ich.Notify.Targets;

namespace Ich.Notify.Tests.Targets;

public sealed class BlockedAddressesTests
{
    [Theory]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("169.254.169.254", "link-local (includes the cloud metadata address 169.254.169.254)")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified / this-network")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local (includes the cloud metadata address 169.254.169.254)")]
    public void ReasonFor_NamesTheBlockedRange(string address, string reason)
    {
        Assert.Equal(reason, BlockedAddresses.ReasonFor(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("203.0.113.7")]
    [InlineData("2606:4700::1111")]
    public void ReasonFor_LetsPublicAddressesThrough(string address)
    {
        Assert.Null(BlockedAddresses.ReasonFor(IPAddress.Parse(address)));
    }
}
