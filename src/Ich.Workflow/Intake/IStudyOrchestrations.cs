using Ich.Workflow.Orchestration;

namespace Ich.Workflow.Intake;

/// <summary>The host's durable engine as intake sees it: is a study's orchestration known, and start one.</summary>
public interface IStudyOrchestrations
{
    /// <summary>Whether an orchestration with <paramref name="instanceId"/> exists (running or finished).</summary>
    Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Starts <see cref="StudyOrchestration"/> for <paramref name="work"/> under <paramref name="instanceId"/>.</summary>
    /// <returns>False when an orchestration with that id already exists (a concurrent duplicate upload).</returns>
    Task<bool> StartAsync(string instanceId, StudyWork work, CancellationToken cancellationToken);
}
