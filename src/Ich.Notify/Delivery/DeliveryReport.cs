namespace Ich.Notify.Delivery;

/// <summary>One attempt of a delivery, as the loop saw it.</summary>
/// <param name="Attempt">1-based attempt number.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Decision">What the schedule decided after it.</param>
public sealed record DeliveryAttempt(int Attempt, DeliveryAttemptOutcome Outcome, DeliveryDecision Decision);

/// <summary>How a delivery ended.</summary>
/// <param name="MessageId">The <c>webhook-id</c> used on every attempt.</param>
/// <param name="Attempts">Every attempt, in order; the last one's decision is final.</param>
public sealed record DeliveryReport(string MessageId, IReadOnlyList<DeliveryAttempt> Attempts)
{
    /// <summary>The final verdict.</summary>
    public DeliveryVerdict Verdict => Attempts[^1].Decision.Verdict;

    /// <summary>Why it ended that way.</summary>
    public string Reason => Attempts[^1].Decision.Reason;

    /// <summary>True when the receiver answered 410: the caller should delete (or mark gone) the subscription.</summary>
    public bool SubscriptionGone => Verdict == DeliveryVerdict.Gone;
}
