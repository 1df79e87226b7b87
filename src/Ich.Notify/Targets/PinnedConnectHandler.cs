using System.Net;
using System.Net.Sockets;

namespace Ich.Notify.Targets;

/// <summary>
/// Builds the HTTP handler webhook deliveries go through: it connects to the address the guard checked for this
/// request (carried in <see cref="HttpRequestMessage.Options"/> under <see cref="AddressKey"/>), never to a fresh DNS
/// answer, while TLS (SNI, certificate name) and the Host header still use the URL's host name.
/// </summary>
/// <remarks>
/// Redirects are not followed (a 3xx could point anywhere, including the metadata address) and no proxy is used (it
/// would resolve the name itself). Pooled connections are reused only per host and port and were themselves opened to
/// a checked address; their lifetime is capped so a long-lived pool cannot outlast a policy change for long.
/// </remarks>
public static class PinnedConnectHandler
{
    /// <summary>The request option holding the checked address.</summary>
    public static readonly HttpRequestOptionsKey<IPAddress> AddressKey = new("ich.notify.pinned-address");

    /// <summary>A handler that dials only pinned addresses.</summary>
    /// <param name="connectTimeout">How long a TCP connect may take.</param>
    public static SocketsHttpHandler Create(TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(AddressKey, out var address))
            throw new InvalidOperationException("A webhook request must carry the address its guard checked.");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
