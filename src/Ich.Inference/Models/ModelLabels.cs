namespace Ich.Inference.Models;

/// <summary>Label names the product speaks (the RSNA 2019 names).</summary>
public static class ModelLabels
{
    /// <summary>Any intracranial hemorrhage.</summary>
    public const string Any = "any";

    /// <summary>The five subtypes, in the default models' output order after <see cref="Any"/>.</summary>
    public static IReadOnlyList<string> Subtypes { get; } = ["epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"];

    /// <summary><see cref="Any"/> then the subtypes.</summary>
    public static IReadOnlyList<string> All { get; } = [Any, .. Subtypes];
}
