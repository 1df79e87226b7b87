using System.Net;
using System.Net.Sockets;

namespace Ich.Notify.Targets;

/// <summary>The address ranges a webhook may not reach unless allow-listed: everything that is not the public internet.</summary>
public static class BlockedAddresses
{
    /// <summary>The blocked ranges, each with the reason given when a target falls in it.</summary>
    public static readonly IReadOnlyList<(IPNetwork Network, string Reason)> Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified / this-network"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (includes the cloud metadata address 169.254.169.254)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved / broadcast"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>Why <paramref name="address"/> is blocked, or null when it is a public address.</summary>
    /// <param name="address">An IPv4 or IPv6 address; IPv4-mapped IPv6 addresses are judged as the IPv4 they carry.</param>
    public static string? ReasonFor(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // ::ffff:10.0.0.1 reaches 10.0.0.1: judge what the socket will actually dial.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var (network, reason) in Ranges)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)) return reason;
        }
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? null : "not an IP address";
    }
}
