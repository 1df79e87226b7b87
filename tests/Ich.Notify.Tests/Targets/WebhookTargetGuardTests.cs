using System.Net;
using Ich.Notify.Targets;

namespace Ich.Notify.Tests.Targets;

public sealed class WebhookTargetGuardTests
{
    // A resolver with fixed answers: the tests never depend on real DNS.
    private static Func<string, CancellationToken, Task<IPAddress[]>> Dns(params (string Host, string[] Addresses)[] table) =>
        (host, _) => Task.FromResult(table.Single(t => t.Host == host).Addresses.Select(IPAddress.Parse).ToArray());

    [Fact]
    public async Task ResolveAsync_AcceptsHttpsToAPublicAddress()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict, Dns(("hooks.example", ["203.0.113.7"])));

        var target = await guard.ResolveAsync(new Uri("https://hooks.example/ich"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), target.Address);
    }

    [Fact]
    public async Task ResolveAsync_RefusesPlainHttpToAPublicHost()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict, Dns(("hooks.example", ["203.0.113.7"])));

        var e = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri("http://hooks.example/ich")));
        Assert.Equal("plain http is accepted only for allow-listed hosts", e.Reason);
    }

    [Theory]
    [InlineData("https://10.0.0.8/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public async Task ResolveAsync_RefusesBlockedAddressLiterals(string url)
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict);

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri(url)));
    }

    [Fact]
    public async Task ResolveAsync_RefusesANameResolvingToAPrivateAddress()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict, Dns(("intranet.example", ["192.168.10.20"])));

        var e = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri("https://intranet.example/")));
        Assert.Equal("intranet.example resolves to 192.168.10.20, a private address", e.Reason);
    }

    [Fact]
    public async Task ResolveAsync_RefusesWhenAnyResolvedAddressIsBlocked()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict, Dns(("mixed.example", ["203.0.113.7", "10.0.0.1"])));

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri("https://mixed.example/")));
    }

    [Fact]
    public async Task ResolveAsync_AcceptsAnAllowListedLoopbackAddressOverHttp()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.AllowList("127.0.0.1"));

        var target = await guard.ResolveAsync(new Uri("http://127.0.0.1:8080/hook"));

        Assert.Equal(IPAddress.Loopback, target.Address);
    }

    [Fact]
    public async Task ResolveAsync_AllowListCoversOnlyItsAddress()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.AllowList("127.0.0.1"));

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri("https://127.0.0.2/hook")));
    }

    [Fact]
    public async Task ResolveAsync_AcceptsAnAllowListedHostWhateverItResolvesTo()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.AllowList("receiver.internal"), Dns(("receiver.internal", ["10.4.0.9"])));

        var target = await guard.ResolveAsync(new Uri("http://receiver.internal/hook"));

        Assert.Equal(IPAddress.Parse("10.4.0.9"), target.Address);
    }

    [Theory]
    [InlineData("ftp://hooks.example/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pw@hooks.example/x")]
    public async Task ResolveAsync_RefusesOtherSchemesAndCredentials(string url)
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict, Dns(("hooks.example", ["203.0.113.7"])));

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri(url)));
    }

    [Fact]
    public async Task ResolveAsync_RefusesANameThatDoesNotResolve()
    {
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.Strict,
            (_, _) => Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException(11001)));

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => guard.ResolveAsync(new Uri("https://nowhere.example/")));
    }
}
