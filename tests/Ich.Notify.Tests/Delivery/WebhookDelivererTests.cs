using System.Net;
using Ich.Notify.Delivery;
using Ich.Notify.Events;
using Ich.Notify.Signing;
using Ich.Notify.Targets;
using static Ich.Notify.Tests.LoopbackReceiver;

namespace Ich.Notify.Tests.Delivery;

public sealed class WebhookDelivererTests
{
    private const int Seed = 20261201;
    private static readonly WebhookTargetGuard LoopbackAllowed = new(WebhookTargetPolicy.AllowList("127.0.0.1"));
    private readonly List<TimeSpan> _delays = [];
    private readonly string _secret = WebhookSecret.Generate();

    private WebhookDeliverer Deliverer(WebhookTargetGuard? guard = null, TimeSpan? attemptTimeout = null) => new(guard ?? LoopbackAllowed,
        new WebhookDelivererOptions
        {
            Random = new Random(Seed),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
            Delay = (delay, _) => { _delays.Add(delay); return Task.CompletedTask; },
        });

    private static WebhookMessage Message()
    {
        var cloudEvent = StudyEvents.Completed("urn:ich:test", "1.2.826.0.1.3680043.8.498.1", true, ["epidural"], "m1",
            new Uri("https://ich.example/api/studies/1.2.826.0.1.3680043.8.498.1"), DateTimeOffset.UtcNow);
        return new WebhookMessage(cloudEvent.Id, StudyEvents.Serialize(cloudEvent));
    }

    [Fact]
    public async Task GivenThreeServerErrors_WhenDelivered_ThenDeliveredOnceWithOneIdAndValidSignatures()
    {
        await using var receiver = await StartAsync([Status(500), Status(500), Status(500)], afterScript: Status(200));
        using var deliverer = Deliverer();
        var message = Message();

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), message);

        Assert.Equal(DeliveryVerdict.Delivered, report.Verdict);
        Assert.Equal([500, 500, 500, 200], report.Attempts.Select(a => a.Outcome.StatusCode));
        var requests = receiver.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal(message.Id, r.Id));
        Assert.All(requests, r => Assert.Equal(message.Body, r.Body));
        var verifier = new WebhookVerifier(_secret);
        Assert.All(requests, r => Assert.True(verifier.Verify(r.Id, r.Timestamp, r.Signature, r.Body).IsValid));
    }

    [Fact]
    public async Task GivenThreeServerErrors_WhenDelivered_ThenWaitsTheSeededJitteredBackoff()
    {
        await using var receiver = await StartAsync([Status(500), Status(500), Status(500)]);
        using var deliverer = Deliverer();

        await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), Message());

        // The same seed drawn in the same order, through the pure schedule: what the loop must have waited.
        var random = new Random(Seed);
        var expected = Enumerable.Range(1, 3)
            .Select(a => WebhookRetrySchedule.Default.Next(a, DeliveryAttemptOutcome.Response(500), random.NextDouble()).Delay);
        Assert.Equal(expected, _delays);
        Assert.All(_delays.Zip([1, 2, 4]), p => Assert.InRange(p.First, TimeSpan.Zero, TimeSpan.FromSeconds(p.Second)));
    }

    [Fact]
    public async Task GivenGone_WhenDelivered_ThenReportsTheSubscriptionGoneWithoutRetrying()
    {
        await using var receiver = await StartAsync([Status(410)]);
        using var deliverer = Deliverer();

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), Message());

        Assert.True(report.SubscriptionGone);
        Assert.Single(receiver.Requests);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task GivenTooManyRequestsWithRetryAfter_WhenDelivered_ThenWaitsWhatTheReceiverAsked()
    {
        await using var receiver = await StartAsync([Status(429, retryAfter: "1")]);
        using var deliverer = Deliverer();

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), Message());

        Assert.Equal(DeliveryVerdict.Delivered, report.Verdict);
        Assert.Equal([TimeSpan.FromSeconds(1)], _delays);
    }

    [Fact]
    public async Task GivenUnavailableWithAnHttpDate_WhenDelivered_ThenWaitsUntilThatDate()
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        await using var receiver = await StartAsync([Status(503, retryAfter: until.ToString("R"))]);
        using var deliverer = Deliverer();

        await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), Message());

        // The HTTP date has whole seconds: the wait is what is left of the 30 s, give or take the second cut off.
        Assert.InRange(Assert.Single(_delays), TimeSpan.FromSeconds(27), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GivenASlowReceiver_WhenDelivered_ThenTheTimeoutCountsAsAFailedAttempt()
    {
        Func<Microsoft.AspNetCore.Http.HttpResponse, Task> stall = r => Task.Delay(TimeSpan.FromSeconds(5), r.HttpContext.RequestAborted);
        await using var receiver = await StartAsync([stall]);
        using var deliverer = Deliverer(attemptTimeout: TimeSpan.FromMilliseconds(300));

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(receiver.HookUrl, _secret), Message());

        Assert.Equal("no response within 0.3 s", report.Attempts[0].Outcome.Failure);
        Assert.Equal(DeliveryVerdict.Retry, report.Attempts[0].Decision.Verdict);
        Assert.Equal(DeliveryVerdict.Delivered, report.Verdict);
    }

    [Fact]
    public async Task GivenAPrivateAddressTarget_WhenDelivered_ThenRefusedWithoutSending()
    {
        using var deliverer = Deliverer();

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(new Uri("https://192.168.1.50/hook"), _secret), Message());

        Assert.Equal(DeliveryVerdict.Refused, report.Verdict);
        Assert.Null(Assert.Single(report.Attempts).Outcome.StatusCode);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task GivenAName_WhenSent_ThenConnectsToTheCheckedAddressAndKeepsTheHostName()
    {
        await using var receiver = await StartAsync([]);
        // receiver.test exists in no DNS: the request can only arrive if the connection went to the guard's answer.
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.AllowList("127.0.0.1"), (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        using var deliverer = Deliverer(guard);
        var url = new Uri($"http://receiver.test:{receiver.BaseAddress.Port}/hook");

        var outcome = await deliverer.SendAsync(new WebhookEndpoint(url, _secret), Message());

        Assert.Equal(200, outcome.StatusCode);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal($"receiver.test:{receiver.BaseAddress.Port}", request.Host);
        Assert.StartsWith("application/cloudevents+json", request.ContentType);
    }

    [Fact]
    public async Task GivenANameReboundToAPrivateAddress_WhenRetried_ThenTheRetryIsRefused()
    {
        await using var receiver = await StartAsync([Status(500)]);
        var answers = new Queue<IPAddress>([IPAddress.Loopback, IPAddress.Parse("10.0.0.1")]);
        var guard = new WebhookTargetGuard(WebhookTargetPolicy.AllowList("127.0.0.1"), (_, _) => Task.FromResult(new[] { answers.Dequeue() }));
        using var deliverer = Deliverer(guard);
        var url = new Uri($"http://rebind.test:{receiver.BaseAddress.Port}/hook");

        var report = await deliverer.DeliverAsync(new WebhookEndpoint(url, _secret), Message());

        Assert.Equal(DeliveryVerdict.Refused, report.Verdict);
        Assert.Equal("rebind.test resolves to 10.0.0.1, a private address", report.Reason);
        Assert.Single(receiver.Requests);
    }
}
