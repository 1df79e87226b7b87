using System.Net;

namespace Ich.Notify.Targets;

/// <summary>
/// Which webhook targets are acceptable: https to public addresses, plus whatever is allow-listed. An allow-listed host
/// or address may also use plain http (a receiver on the same machine or in the same private network).
/// </summary>
public sealed record WebhookTargetPolicy
{
    /// <summary>Host names (case-insensitive, as written in the URL) that may be reached whatever they resolve to.</summary>
    public IReadOnlySet<string> AllowedHosts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses or ranges that may be reached although blocked (e.g. <c>127.0.0.1/32</c> for a local receiver).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>Only public https targets: the production default.</summary>
    public static WebhookTargetPolicy Strict { get; } = new();

    /// <summary>A policy allowing the given hosts and addresses or CIDR ranges, e.g. <c>"127.0.0.1"</c>, <c>"10.1.0.0/16"</c>, <c>"receiver.internal"</c>.</summary>
    /// <param name="entries">Host names, IP addresses or CIDR ranges.</param>
    public static WebhookTargetPolicy AllowList(params string[] entries)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else hosts.Add(entry.Trim());
        }
        return new WebhookTargetPolicy { AllowedHosts = hosts, AllowedNetworks = networks };
    }

    /// <summary>Whether <paramref name="address"/> is inside an allowed range.</summary>
    /// <param name="address">The address to test.</param>
    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return AllowedNetworks.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }
}
