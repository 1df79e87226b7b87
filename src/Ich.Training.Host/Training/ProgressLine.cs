using System.Globalization;

namespace Ich.Training.Host.Training;

/// <summary>A one-line progress bar: step, loss, last validation score and ETA (a new line every 25 steps when not on a terminal, so logs stay readable).</summary>
internal sealed class ProgressLine(TextWriter output, int totalSteps)
{
    private readonly DateTime _start = DateTime.UtcNow;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private int? _firstStep;

    public void Update(TrainingState state)
    {
        _firstStep ??= state.Step - 1;
        if (!_terminal && state.Step % 25 != 0) return;
        var done = (double)state.Step / totalSteps;
        var bar = new string('#', (int)(done * 24)).PadRight(24, '.');
        var perStep = (DateTime.UtcNow - _start).TotalSeconds / Math.Max(1, state.Step - _firstStep.Value);
        var eta = TimeSpan.FromSeconds(perStep * (totalSteps - state.Step));
        var validation = state.LastValidation is { } v ? string.Create(CultureInfo.InvariantCulture, $"val AUC any {v.SubjectAnyAuc:0.000} slab {v.SliceAnyAuc:0.000} subtypes {v.SubjectSubtypeAuc:0.000}") : "val —";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {state.Step}/{totalSteps} loss {state.LossAverage:0.0000} {validation} {perStep:0.00} s/step (data wait {state.DataWaitSeconds / Math.Max(1, state.Step):0.00}) ETA {eta:hh\\:mm\\:ss}");
        if (_terminal) output.Write("\r" + line);
        else output.WriteLine(line);
    }
}
