namespace Ich.Notify.Delivery;

/// <summary>What to do after an attempt.</summary>
public enum DeliveryVerdict
{
    /// <summary>A 2xx arrived: done.</summary>
    Delivered,

    /// <summary>Try again after <see cref="DeliveryDecision.Delay"/>.</summary>
    Retry,

    /// <summary>410 Gone: the receiver ended the subscription; the caller should delete it.</summary>
    Gone,

    /// <summary>Out of attempts, or the receiver asked for a wait longer than allowed.</summary>
    GaveUp,

    /// <summary>The SSRF guard refused the target.</summary>
    Refused,
}

/// <summary>The retry schedule's answer for one attempt.</summary>
/// <param name="Verdict">Stop (and how) or retry.</param>
/// <param name="Delay">How long to wait before the next attempt; zero unless <see cref="DeliveryVerdict.Retry"/>.</param>
/// <param name="Reason">One line on why.</param>
public sealed record DeliveryDecision(DeliveryVerdict Verdict, TimeSpan Delay, string Reason)
{
    /// <summary>True when no further attempt will be made.</summary>
    public bool IsFinal => Verdict != DeliveryVerdict.Retry;
}
