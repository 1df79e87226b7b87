namespace Ich.Notify.Targets;

/// <summary>A webhook target the SSRF guard will not call.</summary>
/// <param name="target">The refused URL.</param>
/// <param name="reason">Why, in one line.</param>
public sealed class WebhookTargetRefusedException(Uri target, string reason)
    : Exception($"Webhook target {target} refused: {reason}.")
{
    /// <summary>The refused URL.</summary>
    public Uri Target { get; } = target;

    /// <summary>Why it was refused.</summary>
    public string Reason { get; } = reason;
}
