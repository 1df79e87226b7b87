using System.Text;
using Ich.Notify.Signing;
using Ich.Notify.Targets;

namespace Ich.Notify.Delivery;

/// <summary>
/// Posts signed webhook messages. <see cref="SendAsync"/> is one attempt (a durable activity's body: guard, sign with a
/// fresh timestamp, post, classify); <see cref="DeliverAsync"/> is the in-process loop around it, waiting as
/// <see cref="WebhookRetrySchedule.Next"/> says. A durable orchestration calls the activity and the schedule itself.
/// </summary>
public sealed class WebhookDeliverer : IDisposable
{
    /// <summary>The media type of a structured-mode CloudEvent.</summary>
    public const string CloudEventsMediaType = "application/cloudevents+json";

    private readonly WebhookTargetGuard _guard;
    private readonly WebhookDelivererOptions _options;
    private readonly HttpClient _http;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <summary>A deliverer that checks every target with <paramref name="guard"/>.</summary>
    /// <param name="guard">The SSRF guard, consulted before every attempt.</param>
    /// <param name="options">Timeouts, schedule, clock, randomness; defaults when null.</param>
    public WebhookDeliverer(WebhookTargetGuard guard, WebhookDelivererOptions? options = null)
    {
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _options = options ?? new WebhookDelivererOptions();
        if (_options.AttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), _options.AttemptTimeout, "The attempt timeout must be positive.");
        // The per-attempt timeout is ours (a linked token), so the client's own stays out of the way.
        _http = new HttpClient(PinnedConnectHandler.Create(_options.AttemptTimeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("IchFunctions-Notify/1.0");
        _delay = _options.Delay ?? ((delay, ct) => Task.Delay(delay, _options.Clock, ct));
    }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="endpoint"/>, retrying per the schedule.</summary>
    /// <param name="endpoint">Target and secret.</param>
    /// <param name="message">Id and body.</param>
    /// <param name="cancellationToken">Stops the loop (between or during attempts).</param>
    /// <returns>Every attempt and the final verdict; <see cref="DeliveryReport.SubscriptionGone"/> on 410.</returns>
    public async Task<DeliveryReport> DeliverAsync(WebhookEndpoint endpoint, WebhookMessage message, CancellationToken cancellationToken = default)
    {
        var attempts = new List<DeliveryAttempt>();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendAsync(endpoint, message, cancellationToken).ConfigureAwait(false);
            double jitter;
            lock (_options.Random) jitter = _options.Random.NextDouble();
            var decision = _options.Schedule.Next(attempt, outcome, jitter);
            attempts.Add(new DeliveryAttempt(attempt, outcome, decision));
            if (decision.IsFinal) return new DeliveryReport(message.Id, attempts);
            await _delay(decision.Delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt: resolve and check the target, sign with the current time, post, and classify the answer.</summary>
    /// <param name="endpoint">Target and secret.</param>
    /// <param name="message">Id and body.</param>
    /// <param name="cancellationToken">Cancels the attempt (an <see cref="OperationCanceledException"/> then escapes).</param>
    /// <returns>A response status (with Retry-After), a timeout, a network error, or a refused target. Never throws for those.</returns>
    public async Task<DeliveryAttemptOutcome> SendAsync(WebhookEndpoint endpoint, WebhookMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(message);
        ResolvedTarget target;
        try
        {
            target = await _guard.ResolveAsync(endpoint.Url, cancellationToken).ConfigureAwait(false);
        }
        catch (WebhookTargetRefusedException e)
        {
            return DeliveryAttemptOutcome.TargetRefused(e.Reason);
        }

        // A fresh timestamp per attempt (same id): a retry hours later must still pass the receiver's 5-minute window.
        var headers = new WebhookSigner(endpoint.Secret).Sign(message.Id, _options.Clock.GetUtcNow(), message.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, CloudEventsMediaType),
        };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.IdHeader, headers.Id);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.TimestampHeader, headers.Timestamp);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SignatureHeader, headers.Signature);
        request.Options.Set(PinnedConnectHandler.AddressKey, target.Address);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var retryAfter = DeliveryAttemptOutcome.ParseRetryAfter(response.Headers.RetryAfter, _options.Clock.GetUtcNow());
            return DeliveryAttemptOutcome.Response((int)response.StatusCode, retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAttemptOutcome.TimedOut(_options.AttemptTimeout);
        }
        catch (HttpRequestException e)
        {
            return DeliveryAttemptOutcome.NetworkError(e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
