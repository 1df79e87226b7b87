namespace Ich.Notify.Events;

/// <summary>The CloudEvents <c>type</c> values the pipeline emits.</summary>
public static class StudyEventTypes
{
    /// <summary>A study was analysed and its results are published.</summary>
    public const string Completed = "ich.study.completed";

    /// <summary>A study could not be analysed (bad upload, no usable series, inference failure, ...).</summary>
    public const string Failed = "ich.study.failed";
}
