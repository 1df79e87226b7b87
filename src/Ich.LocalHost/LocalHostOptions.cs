using Ich.Dicom.Series.Inputs;
using Ich.Notify.Targets;
using Ich.Workflow.Orchestration;

namespace Ich.LocalHost;

/// <summary>How the local host is wired.</summary>
public sealed record LocalHostOptions
{
    /// <summary>The storage account (Azurite's development account on 127.0.0.1 by default).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>The inference service's base address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public required Uri InferenceUrl { get; init; }

    /// <summary>Prefix of the workflow's containers and tables (see <see cref="Ich.Workflow.Storage.WorkflowStorage"/>); empty by default.</summary>
    public string StoragePrefix { get; init; } = "";

    /// <summary>The Durable Task hub's name: its queues, tables and leases in the storage account.</summary>
    public string TaskHub { get; init; } = "ichlocal";

    /// <summary>Where the study API listens; port 0 picks a free one.</summary>
    public string ApiUrl { get; init; } = "http://127.0.0.1:0";

    /// <summary>The orchestration's knobs (the API base address is filled in once the API listens).</summary>
    public WorkflowSettings Settings { get; init; } = new();

    /// <summary>Webhook targets accepted. The local host allows loopback receivers; Azure allows only public https.</summary>
    public WebhookTargetPolicy WebhookPolicy { get; init; } = WebhookTargetPolicy.AllowList("127.0.0.1", "::1", "localhost");

    /// <summary>Ingest limits: the workstation preset locally.</summary>
    public IngestOptions? Ingest { get; init; }

    /// <summary>How often the upload watcher lists the uploads container.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Uploads taken in at once (each normalizes a series: CPU and memory bound).</summary>
    public int MaxParallelIntakes { get; init; } = 2;
}
