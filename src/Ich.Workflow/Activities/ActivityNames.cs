namespace Ich.Workflow.Activities;

/// <summary>The names the orchestration calls its activities by; every host registers each under exactly this name.</summary>
public static class ActivityNames
{
    /// <summary>Normalized series → the inference app → response blob.</summary>
    public const string InferSeries = "InferSeries";

    /// <summary>Heatmaps, reports, DICOM and FHIR outputs and the series row.</summary>
    public const string PublishSeries = "PublishSeries";

    /// <summary>The study row.</summary>
    public const string RecordStudy = "RecordStudy";

    /// <summary>The ids of the active webhook subscriptions.</summary>
    public const string ListWebhooks = "ListWebhooks";

    /// <summary>One signed delivery attempt.</summary>
    public const string SendWebhook = "SendWebhook";

    /// <summary>Ends a subscription whose receiver answered 410.</summary>
    public const string MarkWebhookGone = "MarkWebhookGone";
}
