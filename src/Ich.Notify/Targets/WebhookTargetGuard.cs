using System.Net;

namespace Ich.Notify.Targets;

/// <summary>
/// The SSRF guard: decides whether a webhook URL may be called and to which address. It runs when a subscription is
/// created and again before every delivery attempt, and the attempt connects to the address checked here (see
/// <see cref="PinnedConnectHandler"/>) — so a name re-pointed at a private address after the check (DNS rebinding)
/// is refused instead of followed.
/// </summary>
public sealed class WebhookTargetGuard
{
    private readonly WebhookTargetPolicy _policy;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>A guard with a policy and a resolver.</summary>
    /// <param name="policy">What is allowed.</param>
    /// <param name="resolve">Host name → addresses; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null.</param>
    public WebhookTargetGuard(WebhookTargetPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>Checks <paramref name="url"/> and resolves it once.</summary>
    /// <param name="url">The webhook target.</param>
    /// <param name="cancellationToken">Cancels the DNS look-up.</param>
    /// <returns>The address to connect to.</returns>
    /// <exception cref="WebhookTargetRefusedException">Not absolute http(s), credentials in the URL, http without an
    /// allow-list entry, a name that does not resolve, or any resolved address blocked and not allow-listed.</exception>
    public async Task<ResolvedTarget> ResolveAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new WebhookTargetRefusedException(url, "only absolute https URLs can be subscribed");
        if (!string.IsNullOrEmpty(url.UserInfo))
            throw new WebhookTargetRefusedException(url, "credentials in the URL are not accepted");

        var hostAllowed = _policy.AllowedHosts.Contains(url.IdnHost);
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost, out var literal)) addresses = [literal];
        else
        {
            try { addresses = await _resolve(url.IdnHost, cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
            {
                throw new WebhookTargetRefusedException(url, $"{url.IdnHost} does not resolve ({e.Message})");
            }
        }
        if (addresses.Length == 0) throw new WebhookTargetRefusedException(url, $"{url.IdnHost} resolves to no address");

        if (!hostAllowed)
        {
            // Every address must pass, not just the first: a resolver answer mixing public and private addresses
            // would otherwise let the client pick the private one.
            foreach (var address in addresses)
            {
                if (BlockedAddresses.ReasonFor(address) is { } reason && !_policy.IsAllowed(address))
                    throw new WebhookTargetRefusedException(url, $"{url.IdnHost} resolves to {address}, a {reason} address");
            }
        }
        if (url.Scheme == Uri.UriSchemeHttp && !(hostAllowed || addresses.All(_policy.IsAllowed)))
            throw new WebhookTargetRefusedException(url, "plain http is accepted only for allow-listed hosts");
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0];
        return new ResolvedTarget(url, chosen);
    }
}
