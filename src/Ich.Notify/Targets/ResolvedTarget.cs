using System.Net;

namespace Ich.Notify.Targets;

/// <summary>A target URL that passed the guard, with the one address the connection must go to.</summary>
/// <param name="Url">The target as subscribed (its host is still used for TLS and the Host header).</param>
/// <param name="Address">The checked address to connect to.</param>
public sealed record ResolvedTarget(Uri Url, IPAddress Address);
