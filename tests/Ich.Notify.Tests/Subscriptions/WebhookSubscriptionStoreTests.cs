using System.Net;
using Ich.Notify.Delivery;
using Ich.Notify.Events;
using Ich.Notify.Signing;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Testing;

namespace Ich.Notify.Tests.Subscriptions;

[Collection(StorageCollection.Name)]
public sealed class WebhookSubscriptionStoreTests(StorageFixture storage)
{
    private static readonly WebhookTargetGuard Guard = new(WebhookTargetPolicy.AllowList("127.0.0.1"),
        (host, _) => Task.FromResult(host == "hooks.example" ? new[] { IPAddress.Parse("203.0.113.7") } : []));

    private async Task<WebhookSubscriptionStore> StoreAsync() => new(await storage.CreateTableAsync("webhooks"), Guard);

    [Fact]
    public async Task CreateAsync_ReturnsAnIdAndAFreshSecret()
    {
        var store = await StoreAsync();

        var a = await store.CreateAsync(new Uri("https://hooks.example/a"));
        var b = await store.CreateAsync(new Uri("https://hooks.example/b"));

        Assert.StartsWith("wh_", a.Subscription.Id);
        Assert.NotEqual(a.Subscription.Id, b.Subscription.Id);
        Assert.Equal(32, WebhookSecret.KeyOf(a.Secret).Length);
        Assert.NotEqual(a.Secret, b.Secret);
    }

    [Fact]
    public async Task GetEndpointAsync_GivesTheUrlAndTheSecretShownAtCreation()
    {
        var store = await StoreAsync();
        var created = await store.CreateAsync(new Uri("https://hooks.example/a?tenant=7"));

        var endpoint = await store.GetEndpointAsync(created.Subscription.Id);

        Assert.Equal(new WebhookEndpoint(new Uri("https://hooks.example/a?tenant=7"), created.Secret), endpoint);
    }

    [Fact]
    public async Task ListAsync_ListsEverySubscriptionWithoutSecrets()
    {
        var store = await StoreAsync();
        var a = await store.CreateAsync(new Uri("https://hooks.example/a"));
        var b = await store.CreateAsync(new Uri("http://127.0.0.1:9000/b"));

        var list = await store.ListAsync();

        Assert.Equal(new[] { a.Subscription.Id, b.Subscription.Id }.Order(), list.Select(s => s.Id).Order());
        Assert.All(list, s => Assert.True(s.IsActive));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheSubscription()
    {
        var store = await StoreAsync();
        var created = await store.CreateAsync(new Uri("https://hooks.example/a"));

        Assert.True(await store.DeleteAsync(created.Subscription.Id));

        Assert.Empty(await store.ListAsync());
        Assert.Null(await store.GetEndpointAsync(created.Subscription.Id));
        Assert.False(await store.DeleteAsync(created.Subscription.Id));
    }

    [Fact]
    public async Task CreateAsync_RefusesAPrivateTargetAndStoresNothing()
    {
        var store = await StoreAsync();

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => store.CreateAsync(new Uri("https://10.20.30.40/hook")));

        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task GivenAReceiverAnswering410_WhenDeliveredAndMarkedGone_ThenTheSubscriptionGetsNoMoreEvents()
    {
        await using var receiver = await LoopbackReceiver.StartAsync([LoopbackReceiver.Status(410)]);
        var store = await StoreAsync();
        var created = await store.CreateAsync(receiver.HookUrl);
        var cloudEvent = StudyEvents.Failed("urn:ich:test", "1.2.3.4", "corrupt archive", null, null, DateTimeOffset.UtcNow);
        using var deliverer = new WebhookDeliverer(Guard);

        var report = await deliverer.DeliverAsync((await store.GetEndpointAsync(created.Subscription.Id))!,
            new WebhookMessage(cloudEvent.Id, StudyEvents.Serialize(cloudEvent)));
        if (report.SubscriptionGone) await store.MarkGoneAsync(created.Subscription.Id);

        Assert.True(report.SubscriptionGone);
        Assert.Null(await store.GetEndpointAsync(created.Subscription.Id));
        Assert.False(Assert.Single(await store.ListAsync()).IsActive);
    }

    [Fact]
    public async Task MarkGoneAsync_ReportsAnUnknownId()
    {
        var store = await StoreAsync();

        Assert.False(await store.MarkGoneAsync("wh_missing"));
    }
}
