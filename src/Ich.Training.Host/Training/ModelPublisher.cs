using System.Globalization;
using System.Text;
using System.Text.Json;
using Ich.Evaluation.Plots;
using Ich.Evaluation.Reports;
using Ich.Inference.Engine;
using Ich.Inference.Evaluation;
using Ich.Inference.Models;
using Ich.Phantoms.Cohorts;
using Ich.Training.Export;
using Ich.Training.Network;

namespace Ich.Training.Host.Training;

/// <summary>
/// Turns trained weights into a served model folder: the ONNX file (exported from C#), its card, and evaluation
/// on the fixed cohorts run through the served path (ONNX Runtime, the shared preprocessing) — so the card's
/// figures are what serving will do, not what TorchSharp did.
/// </summary>
public static class ModelPublisher
{
    /// <summary>Writes <paramref name="folder"/>/model.onnx, model-card.json/.md and evaluation/*.</summary>
    /// <param name="net">The trained network.</param>
    /// <param name="run">What the run was asked to do.</param>
    /// <param name="state">How it went.</param>
    /// <param name="folder">The model folder.</param>
    /// <param name="cohorts">Fixed phantom cohorts to measure it on.</param>
    /// <param name="log">Progress.</param>
    /// <param name="heldOut">Further sets, e.g. the held-out part of the DICOM data set it was trained on.</param>
    public static ModelCard Publish(IchNet net, RunRecord run, TrainingState state, string folder, IReadOnlyList<FixedCohort> cohorts, TextWriter log, IReadOnlyList<EvaluationSet>? heldOut = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(folder);
        var options = run.ToOptions();
        var onnx = Path.Combine(folder, "model.onnx");
        net.eval();
        OnnxExporter.Export(net, options.Input.InputSize, onnx, new Dictionary<string, string>
        {
            ["input_contract"] = JsonSerializer.Serialize(options.Input, ModelCard.Json),
            ["label_mode"] = run.LabelModeName,
            ["notice"] = "Decision support, not a diagnosis.",
        });
        var name = run.LabelModeName == "Sub-Lab" ? "ich-sub-lab" : "ich-sli-lab";
        var card = new ModelCard
        {
            Name = name,
            Version = $"{DateTime.UtcNow:yyyy.MM.dd}-{ModelCard.HashFile(onnx)[..8]}",
            Sha256 = ModelCard.HashFile(onnx),
            Tensors = new ModelTensors { SeriesLengths = OnnxExporter.SeriesLengthsInput },
            Labels = IchLabels.Names,
            TrainedLabels = options.Task == TrainingTask.TwoType ? ["any"] : null,
            Input = options.Input,
            // Training flips half the series left–right (ScannerAugmentation), so the mirrored read is as much in the
            // model's world as the plain one; their mean raised most of the shipped models' phantom and real-head figures (models/README).
            AverageWithMirror = true,
            LabelMode = run.LabelModeName,
            Training = new TrainingRecord
            {
                Command = run.Command,
                Seed = run.Seed,
                Steps = state.Step,
                Minutes = Math.Round(state.TrainingSeconds / 60, 1),
                Device = $"CPU, {Environment.ProcessorCount} cores (TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version})",
                Data = run.Data,
                GeneratorVersion = $"Ich.Phantoms {typeof(Ich.Phantoms.PhantomGenerator).Assembly.GetName().Version} ({Ich.Phantoms.PhantomGenerator.Generation})",
                Network = JsonSerializer.Serialize(net.Config),
                Validation = string.Create(CultureInfo.InvariantCulture, $"best score {state.BestScore:0.0000} at step {state.BestStep} of {state.Step}"),
            },
        };
        card.Write(Path.Combine(folder, ModelCard.FileName));
        return Evaluate(folder, card, [.. heldOut ?? [], .. cohorts.Select(EvaluationSet.From)], log);
    }

    /// <summary>
    /// Re-measures a shipped model folder on the fixed cohorts as the generator makes them now and rewrites its card's
    /// metrics and evaluation/ files; the model file and its training record are left as they are. Run it whenever
    /// the phantom generator changes, so the card states what the model does on today's cohorts. Phantom cohorts not
    /// re-measured are dropped (their figures are stale); the held-out DICOM part, which the generator does not touch, is kept.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no model card.</exception>
    public static ModelCard Recard(string folder, IReadOnlyList<FixedCohort> cohorts, TextWriter log)
    {
        var path = Path.Combine(folder, ModelCard.FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No {ModelCard.FileName} in {folder}.", path);
        var card = ModelCard.Read(path);
        var kept = card.Metrics.Where(m => m.Cohort == EvaluationSet.HeldOutName).ToList();
        return Evaluate(folder, card, [.. cohorts.Select(EvaluationSet.From)], log, kept);
    }

    /// <summary>
    /// Chooses the model's operating points on <paramref name="validation"/> from its own probabilities (any operating
    /// points already in the card ignored), writes them into the card and re-measures it on <paramref name="cohorts"/>,
    /// whose figures at 0.5 then hold at the chosen thresholds. By default only the subtypes' subject thresholds are
    /// chosen: p(any) ≥ 0.5 stays the network's own two-type decision (the safety-critical one, where Youden's J would
    /// trade sensitivity for specificity), and slice outputs stay as trained (at slice prevalences of 1–3 % a balanced
    /// threshold floods the slice view with false calls).
    /// </summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="validation">The cohort the thresholds are chosen on.</param>
    /// <param name="cohorts">The cohorts the card reports, re-measured afterwards.</param>
    /// <param name="log">Progress.</param>
    /// <param name="includeAny">Also choose the threshold of <c>any</c>.</param>
    /// <param name="slices">Also choose slice thresholds.</param>
    /// <exception cref="FileNotFoundException">The folder holds no model card.</exception>
    public static ModelCard ChooseOperatingPoints(string folder, FixedCohort validation, IReadOnlyList<FixedCohort> cohorts, TextWriter log,
        bool includeAny = false, bool slices = false)
    {
        var path = Path.Combine(folder, ModelCard.FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No {ModelCard.FileName} in {folder}.", path);
        var card = ModelCard.Read(path);
        var labels = card.ScoredLabels;
        var fit = new OperatingPointFit(labels);
        using (var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 2, IgnoreOperatingPoints = true }, log.WriteLine))
        {
            foreach (var series in Labelled(validation))
            {
                var (input, prediction) = model.Predict(series.Volume);
                fit.Add(prediction, input.SlabOfSlice, series.SlicePositives);
                if (fit.Subjects % 25 == 0 || fit.Subjects == validation.Studies) log.Write($"\r  choosing operating points on cohort '{validation.Name}': {fit.Subjects}/{validation.Studies}");
            }
        }

        log.WriteLine();
        var fitted = includeAny ? labels : labels.Skip(1).ToArray();
        var what = $"{(includeAny ? "every label" : "the subtypes")}, {(slices ? "subject and slice level" : "subject level")}";
        var points = fit.Choose($"Youden's J ({what}) on cohort '{validation.Name}' ({validation.Description}), {DateTime.UtcNow:yyyy-MM-dd}",
            fitted, subject: true, slice: slices);
        log.WriteLine($"  operating points: {OperatingPointsText(points)}");
        card = card with { OperatingPoints = points };
        card.Write(path);
        return Recard(folder, cohorts, log);
    }

    private static string OperatingPointsText(OperatingPoints points) =>
        string.Join("; ", new[] { ("subject", points.Subject), ("slice", points.Slice) }.Select(level =>
            level.Item2.Count == 0 ? $"{level.Item1}: none" : $"{level.Item1} " + string.Join(", ", level.Item2.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.000}")))));

    /// <summary>
    /// Writes a shipped model again in the exporter's current graph layout (fused batches of series: a
    /// <c>series_lengths</c> input), from the weights in its ONNX file, and proves the new file gives the same outputs
    /// as the old one (probabilities within 1e-5, Grad-CAM within 1e-4 of its largest value) on the fixed <c>ci</c>
    /// cohort's first studies and on a fused batch of them before replacing it. The card keeps its metrics (the
    /// outputs are the same) and gets the new hash, version and tensor names.
    /// </summary>
    /// <returns>The new card, or the old one when the model already has the current layout.</returns>
    /// <exception cref="InvalidDataException">The model was not written by this exporter, or the new file's outputs differ.</exception>
    public static ModelCard Reexport(string folder, TextWriter log)
    {
        var cardPath = Path.Combine(folder, ModelCard.FileName);
        var card = ModelCard.Read(cardPath);
        if (card.Tensors.SeriesLengths is not null)
        {
            log.WriteLine($"{card.Name}: already in the current layout (input '{card.Tensors.SeriesLengths}').");
            return card;
        }

        var onnx = Path.Combine(folder, card.File);
        var staging = Directory.CreateTempSubdirectory("ich-reexport-").FullName;
        try
        {
            var (net, inputSize) = OnnxImporter.Read(onnx);
            var newFile = Path.Combine(staging, card.File);
            using (net)
            {
                var kept = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx)).MetadataProps
                    .Where(p => p.Key is "input_contract" or "label_mode" or "notice")
                    .ToDictionary(p => p.Key, p => p.Value);
                OnnxExporter.Export(net, inputSize, newFile, kept);
            }

            var sha = ModelCard.HashFile(newFile);
            var upgraded = card with
            {
                Sha256 = sha,
                Version = $"{card.Version.Split('-')[0]}-{sha[..8]}",
                Tensors = card.Tensors with { SeriesLengths = OnnxExporter.SeriesLengthsInput },
            };
            upgraded.Write(Path.Combine(staging, ModelCard.FileName));
            CheckSameOutputs(folder, staging, log);

            File.Copy(newFile, onnx, overwrite: true);
            upgraded.Write(cardPath);
            var markdown = Path.Combine(folder, "model-card.md");
            File.WriteAllText(markdown, File.Exists(markdown) ? WithHeader(File.ReadAllText(markdown), upgraded) : Markdown(upgraded));
            log.WriteLine($"{card.Name}: re-exported as {upgraded.Version} (SHA-256 {upgraded.Sha256[..12]}…), outputs unchanged.");
            return upgraded;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void CheckSameOutputs(string oldFolder, string newFolder, TextWriter log)
    {
        var engine = new EngineOptions { PreferGpu = false, IntraOpThreads = 2 };
        using var before = OnnxIchModel.Load(oldFolder, engine);
        using var after = OnnxIchModel.Load(newFolder, engine);
        var inputs = Labelled(FixedCohort.Ci).Take(3)
            .Select(v => Ich.Preprocessing.SeriesPreprocessor.Preprocess(v.Volume, before.Card.Input, maxDegreeOfParallelism: 2)).ToArray();
        var fused = after.PredictBatch(inputs, includeGradCam: true);
        double probabilities = 0, cams = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var old = before.Predict(inputs[i], includeGradCam: before.HasGradCam);
            foreach (var fresh in new[] { after.Predict(inputs[i], includeGradCam: true), fused[i] })
            {
                probabilities = Math.Max(probabilities, MaxDifference(old.SlabProbabilities, fresh.SlabProbabilities));
                probabilities = Math.Max(probabilities, MaxDifference(old.SubjectProbabilities, fresh.SubjectProbabilities));
                if (old.GradCam is { } oldCam)
                    cams = Math.Max(cams, MaxDifference(oldCam, fresh.GradCam!) / Math.Max(1e-12, oldCam.Max()));
            }
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  same outputs: max |Δp| {probabilities:E1}, max |ΔGrad-CAM| / max {cams:E1} ({inputs.Length} ci studies, alone and fused)"));
        if (probabilities > 1e-5 || cams > 1e-4)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The re-exported model differs from the shipped one (|Δp| {probabilities:E2}, Grad-CAM {cams:E2}); the shipped file is left as it is."));
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length) return double.PositiveInfinity;
        var max = 0.0;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static ModelCard Evaluate(string folder, ModelCard card, IReadOnlyList<EvaluationSet> cohorts, TextWriter log, IReadOnlyList<CohortMetrics>? kept = null)
    {
        var name = card.Name;
        var metrics = new List<CohortMetrics>(kept ?? []);
        using (var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 2 }, log.WriteLine))
        {
            var evaluation = Path.Combine(folder, "evaluation");
            Directory.CreateDirectory(evaluation);
            foreach (var cohort in cohorts)
            {
                var report = ModelEvaluator.Evaluate(model, cohort.Volumes(), done =>
                {
                    if (done % 25 == 0 || done == cohort.Studies) log.Write($"\r  evaluating on cohort '{cohort.Name}': {done}/{cohort.Studies}");
                });
                log.WriteLine();
                File.WriteAllText(Path.Combine(evaluation, $"{cohort.Name}.json"), report.ToJson());
                File.WriteAllText(Path.Combine(evaluation, $"{cohort.Name}.md"), $"# {name} on cohort '{cohort.Name}'\n\n{cohort.Description}\n\n{MarkdownReport.Table3(report, card.LabelMode ?? name)}");
                RocPlot.SavePng(Path.Combine(evaluation, $"{cohort.Name}-roc-subject.png"), report.Subject, $"{name}: subject level, cohort '{cohort.Name}'");
                RocPlot.SavePng(Path.Combine(evaluation, $"{cohort.Name}-roc-slice.png"), report.Slice, $"{name}: slice level, cohort '{cohort.Name}'");
                metrics.Add(ModelEvaluator.ToCardMetrics(report, cohort.Name, cohort.Description, cohort.Studies));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {cohort.Name}: subject AUC any {report.Subject[0].Metrics.Auc:0.000}, slice AUC any {report.Slice[0].Metrics.Auc:0.000}"));
            }
        }

        card = card with { Metrics = metrics };
        card.Write(Path.Combine(folder, ModelCard.FileName));
        var markdown = Path.Combine(folder, "model-card.md");
        File.WriteAllText(markdown, File.Exists(markdown) ? WithMetrics(File.ReadAllText(markdown), card) : Markdown(card));
        return card;
    }

    /// <summary>
    /// An existing card's Markdown with its metrics section replaced: the heading and the hand-written limits (real-head
    /// figures, caveats) stay as they were.
    /// </summary>
    private static string WithMetrics(string existing, ModelCard card)
    {
        var start = existing.IndexOf(MetricsHeading, StringComparison.Ordinal);
        var end = existing.IndexOf(LimitsHeading, StringComparison.Ordinal);
        if (start < 0 || end < start) return Markdown(card);
        return existing[..start] + MetricsMarkdown(card) + "\n" + existing[end..];
    }

    private const string MetricsHeading = "## Metrics";
    private const string LimitsHeading = "## Limits";

    /// <summary>A fixed cohort as labelled volumes.</summary>
    public static IEnumerable<LabelledVolume> Labelled(FixedCohort cohort)
    {
        for (var i = 0; i < cohort.Studies; i++)
        {
            var study = cohort.Generate(i);
            yield return new LabelledVolume($"{cohort.Name}:{i}", study.ToHuVolume(), study.SlicePositiveLabels());
        }
    }

    private static string Markdown(ModelCard card)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Model card: {card.Name} ({card.LabelMode})");
        text.AppendLine();
        text.AppendLine($"**{card.Notice}**");
        text.AppendLine();
        text.AppendLine($"- Version `{card.Version}`, file `{card.File}`, SHA-256 `{card.Sha256}`");
        text.AppendLine(OutputsLine(card));
        text.AppendLine($"- One network for both of the paper's tasks: `any` (two-type) plus five subtype outputs (five-type, multi-label); served as the paper's workflow — subtypes are reported only when p(any) ≥ 0.5.");
        text.AppendLine(InputLine(card));
        if (card.Training is { } t)
        {
            text.AppendLine($"- Trained with `{t.Command}` (seed {t.Seed}), {t.Steps} steps in {t.Minutes} min on {t.Device}; {t.Validation}.");
            text.AppendLine($"- Data: {string.Join("; ", t.Data)}. Generator: {t.GeneratorVersion}. Network: `{t.Network}`.");
        }

        text.AppendLine();
        text.Append(MetricsMarkdown(card));
        text.AppendLine();
        text.AppendLine(LimitsHeading);
        text.AppendLine();
        text.AppendLine($"Measured on synthetic phantoms ({Ich.Phantoms.PhantomGenerator.Generation}): these figures are not clinical performance. Not for diagnosis.");
        return text.ToString();
    }

    private static string OutputsLine(ModelCard card)
    {
        var subject = card.Tensors.SeriesLengths is null ? $"[{card.Labels.Count}]" : $"[B, {card.Labels.Count}] (one row per series)";
        return $"- Outputs: `{card.Tensors.SliceProbabilities}` [T, {card.Labels.Count}] and `{card.Tensors.SubjectProbabilities}` {subject} (sigmoid), `{card.Tensors.FeatureMaps}` [T, F, h, w]; labels in order: {string.Join(", ", card.Labels)}";
    }

    private static string InputLine(ModelCard card)
    {
        var input = card.Input;
        var batch = card.Tensors.SeriesLengths is null ? "" : $" (the slabs of B series one after another, with `{card.Tensors.SeriesLengths}` [B] giving each series' slab count: fused batches)";
        return $"- Input `{card.Tensors.Input}` [T, {input.Windows.Count}, {input.InputSize}, {input.InputSize}]{batch}: slabs of {input.SlabThicknessMm} mm inferior → superior (thinner slices averaged), a {input.FieldOfViewMm} mm field centred on the skull, channels " +
            string.Join(", ", input.Windows.Select(w => $"{w.Name} {w.Level}/{w.Width}")) + " (HU level/width mapped to 0…1).";
    }

    /// <summary>The card's Markdown with its version, outputs and input lines rewritten from <paramref name="card"/>.</summary>
    private static string WithHeader(string existing, ModelCard card)
    {
        var lines = existing.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("- Version `", StringComparison.Ordinal)) lines[i] = $"- Version `{card.Version}`, file `{card.File}`, SHA-256 `{card.Sha256}`";
            else if (lines[i].StartsWith("- Outputs: ", StringComparison.Ordinal)) lines[i] = OutputsLine(card);
            else if (lines[i].StartsWith("- Input `", StringComparison.Ordinal)) lines[i] = InputLine(card);
        }

        return string.Join('\n', lines);
    }

    private static string MetricsMarkdown(ModelCard card)
    {
        var text = new StringBuilder();
        text.AppendLine($"{MetricsHeading} (threshold 0.5; subtypes with the two-stage workflow applied)");
        if (card.OperatingPoints is { } points)
        {
            text.AppendLine();
            text.AppendLine($"Served at operating points chosen by {points.Source}: each probability is rescaled so that 0.5 falls on its label's threshold (AUCs unchanged; the values are scores, not calibrated probabilities). Thresholds on the network's own output: {OperatingPointsText(points)}.");
        }
        foreach (var m in card.Metrics)
        {
            text.AppendLine();
            text.AppendLine($"### Cohort '{m.Cohort}': {m.Description}");
            text.AppendLine();
            text.AppendLine("| level | label | AUC | sensitivity | specificity | accuracy | F1 | n+ / n− |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (level, figures) in new[] { ("subject", m.Subject), ("slice", m.Slice) })
            {
                foreach (var (label, f) in figures)
                    text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {level} | {label} | {f.Auc:0.000} | {f.Sensitivity:0.000} | {f.Specificity:0.000} | {f.Accuracy:0.000} | {f.F1:0.000} | {f.NPos} / {f.NNeg} |"));
            }
        }

        return text.ToString();
    }
}
