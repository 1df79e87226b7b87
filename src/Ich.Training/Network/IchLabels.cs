namespace Ich.Training.Network;

/// <summary>The label order of every output of the network, its training targets and its ONNX export.</summary>
public static class IchLabels
{
    /// <summary>
    /// <c>any, epidural, intraparenchymal, intraventricular, subarachnoid, subdural</c>: "any" (ICH or not) first,
    /// then the five subtypes alphabetically, as in the RSNA 2019 labels.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
        Array.AsReadOnly(["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"]);

    /// <summary>Index of "any" (ICH present) in <see cref="Names"/>: the two-type output.</summary>
    public const int Any = 0;
}
