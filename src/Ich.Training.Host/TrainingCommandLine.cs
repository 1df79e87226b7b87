using System.CommandLine;
using Ich.Training.Host.Data;
using Ich.Training.Host.Training;

namespace Ich.Training.Host;

/// <summary>The <c>ich-train</c> command line (also reached as <c>ich train</c>).</summary>
public static class TrainingCommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Train the IchFunctions CNN + BiGRU (TorchSharp, CPU) and write ONNX models with model cards.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(RecardCommand.Create());
        root.Subcommands.Add(OperatingPointsCommand.Create());
        root.Subcommands.Add(ReexportCommand.Create());
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary><c>publish</c>: export the best checkpoint of a run to ONNX, evaluate it and write its card.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var cohorts = new Option<string>("--cohorts") { Description = "Fixed cohorts (comma-separated: test, shifted, ci).", DefaultValueFactory = _ => "test,shifted,ci" };
        var output = new Option<DirectoryInfo>("--out") { Description = "The run's model folder (holds checkpoint/).", Required = true };
        var command = new Command("publish", "Export the best checkpoint to ONNX, evaluate it on fixed cohorts and write the model card.") { cohorts, output };
        command.SetAction(parse =>
        {
            var folder = parse.GetRequiredValue(output).FullName;
            var checkpoints = Path.Combine(folder, "checkpoint");
            var run = RunRecord.Read(checkpoints);
            var state = System.Text.Json.JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(Path.Combine(checkpoints, "state.json")), TrainingState.Json)!;
            var options = run.ToOptions();
            using var net = new Ich.Training.Network.IchNet(options.Network);
            net.load(Path.Combine(checkpoints, "best.bin"));
            using var data = run.DataPath is null ? null : LabelledData.Open(run.DataPath, run.LabelsCsv!, run.Seed, parse.InvocationConfiguration.Error);
            var card = ModelPublisher.Publish(net, run, state, folder, ParseCohorts(parse.GetValue(cohorts)!), parse.InvocationConfiguration.Error,
                data is null ? null : [EvaluationSet.HeldOut(data.Test)]);
            parse.InvocationConfiguration.Output.WriteLine($"model: {Path.Combine(folder, card.File)} ({card.Name} {card.Version})");
            return 0;
        });
        return command;
    }

    public static IReadOnlyList<Ich.Phantoms.Cohorts.FixedCohort> ParseCohorts(string names) =>
        [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Ich.Phantoms.Cohorts.FixedCohort.Named)];
}

/// <summary><c>recard</c>: re-measure a model folder on the fixed cohorts as the generator makes them now.</summary>
internal static class RecardCommand
{
    public static Command Create()
    {
        var cohorts = new Option<string>("--cohorts") { Description = "Fixed cohorts (comma-separated: test, shifted, ci).", DefaultValueFactory = _ => "test,shifted,ci" };
        var model = new Option<DirectoryInfo>("--model") { Description = "A model folder (model.onnx + model-card.json), e.g. models/ich-sli-lab.", Required = true };
        var command = new Command("recard", "Re-evaluate a model on the fixed cohorts and rewrite its card's metrics (after the phantom generator changed).") { cohorts, model };
        command.SetAction(parse =>
        {
            var folder = parse.GetRequiredValue(model).FullName;
            try
            {
                var card = ModelPublisher.Recard(folder, PublishCommand.ParseCohorts(parse.GetValue(cohorts)!), parse.InvocationConfiguration.Error);
                parse.InvocationConfiguration.Output.WriteLine($"card: {Path.Combine(folder, Ich.Inference.Models.ModelCard.FileName)} ({card.Name} {card.Version}, {card.Metrics.Count} cohorts)");
                return 0;
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

/// <summary><c>operating-points</c>: choose a model's decision thresholds on the validation cohort, then re-measure it.</summary>
internal static class OperatingPointsCommand
{
    public static Command Create()
    {
        var cohort = new Option<string>("--cohort") { Description = "The cohort the thresholds are chosen on (never one the card reports).", DefaultValueFactory = _ => "validation" };
        var cohorts = new Option<string>("--cohorts") { Description = "Fixed cohorts to re-measure the model on afterwards (comma-separated).", DefaultValueFactory = _ => "test,shifted,ci" };
        var model = new Option<DirectoryInfo>("--model") { Description = "A model folder (model.onnx + model-card.json), e.g. models/ich-sli-lab.", Required = true };
        var includeAny = new Option<bool>("--include-any") { Description = "Also move the two-type threshold of 'any' (by default p(any) ≥ 0.5 stays the network's own decision)." };
        var slices = new Option<bool>("--slices") { Description = "Also choose slice-level thresholds (by default slice outputs stay as trained)." };
        var command = new Command("operating-points",
            "Choose the subtypes' subject-level decision thresholds (Youden's J) on a validation cohort, write them into the card (serving rescales so 0.5 falls on them) and re-measure the card's cohorts.")
        { cohort, cohorts, model, includeAny, slices };
        command.SetAction(parse =>
        {
            var folder = parse.GetRequiredValue(model).FullName;
            try
            {
                var reported = PublishCommand.ParseCohorts(parse.GetValue(cohorts)!);
                var chosenOn = Ich.Phantoms.Cohorts.FixedCohort.Named(parse.GetValue(cohort)!);
                if (reported.Any(c => c.Name == chosenOn.Name))
                    throw new ArgumentException($"The thresholds are chosen on '{chosenOn.Name}', so the card cannot report it: pick other --cohorts.");
                var card = ModelPublisher.ChooseOperatingPoints(folder, chosenOn, reported, parse.InvocationConfiguration.Error,
                    parse.GetValue(includeAny), parse.GetValue(slices));
                parse.InvocationConfiguration.Output.WriteLine($"card: {Path.Combine(folder, Ich.Inference.Models.ModelCard.FileName)} ({card.Name} {card.Version}, operating points from '{chosenOn.Name}')");
                return 0;
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

/// <summary><c>reexport</c>: write a shipped model again in the exporter's current graph layout, proven to give the same outputs.</summary>
internal static class ReexportCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "A model folder written by this project (model.onnx + model-card.json), e.g. models/ich-sli-lab.", Required = true };
        var command = new Command("reexport", "Re-export a model from its ONNX weights in the current graph layout (fused batches), checking the outputs are unchanged.") { model };
        command.SetAction(parse =>
        {
            try
            {
                var card = ModelPublisher.Reexport(parse.GetRequiredValue(model).FullName, parse.InvocationConfiguration.Error);
                parse.InvocationConfiguration.Output.WriteLine($"model: {card.Name} {card.Version}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

/// <summary><c>train</c>: one model from phantoms (later also inserted bleeds and RSNA-layout DICOM).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "two-type (ICH or not) or five-type (any + the five subtypes).", DefaultValueFactory = _ => "five-type" };
        var labels = new Option<string>("--labels") { Description = "slice (Sli-Lab) or subject (Sub-Lab).", DefaultValueFactory = _ => "slice" };
        var seed = new Option<long>("--seed") { Description = "Seed of data, augmentation and weights.", DefaultValueFactory = _ => 7 };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps (one series each).", DefaultValueFactory = _ => 4000 };
        var minutes = new Option<double>("--minutes") { Description = "Wall-clock budget; stops at whichever of steps or minutes comes first.", DefaultValueFactory = _ => 60 };
        var validateEvery = new Option<int>("--validate-every") { Description = "Steps between validations and checkpoints.", DefaultValueFactory = _ => 100 };
        var validation = new Option<int>("--validation-series") { Description = "Held-out validation series.", DefaultValueFactory = _ => 60 };
        var size = new Option<int>("--input-size") { Description = "Model input rows = columns.", DefaultValueFactory = _ => 128 };
        var strategy = new Option<string>("--strategy") { Description = "two-stage (the CNN first, on pooled slabs for Sli-Lab or on whole-series bags for Sub-Lab, then the GRU on cached features; fits a CPU; the default) or end-to-end (one series a step).", DefaultValueFactory = _ => "two-stage" };
        var pool = new Option<int>("--pool") { Description = "Two-stage: series in the slab pool.", DefaultValueFactory = _ => 240 };
        var sequenceSteps = new Option<int>("--sequence-steps") { Description = "Two-stage: GRU steps on cached features.", DefaultValueFactory = _ => 3000 };
        var backgrounds = new Option<string[]>("--backgrounds") { Description = "Real normal head CTs (folder, zip or .inv3) to insert bleeds into and mix with the phantoms.", AllowMultipleArgumentsPerToken = true };
        var backgroundShare = new Option<double>("--background-share") { Description = "Share of training series drawn from the backgrounds.", DefaultValueFactory = _ => 0.4 };
        var data = new Option<string?>("--data") { Description = "Train on labelled DICOM instead of phantoms: a folder or zip in any layout, including the RSNA 2019 one (a flat folder of single slices). Split 80/10/10 by patient." };
        var labelsCsv = new Option<FileInfo?>("--labels-csv") { Description = "With --data: slice labels in the RSNA 2019 format (ID,Label; rows ID_<uid>_<label>)." };
        var twins = new Option<bool>("--twins") { Description = "Train on phantom twin pairs: a positive and the same subject without its lesions (same anatomy, scanner, noise), mixed with ordinary draws at the same overall prevalence." };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
        var cohorts = new Option<string>("--cohorts") { Description = "Fixed cohorts to evaluate the published model on (comma-separated: test, shifted, ci; 'none' to skip publishing).", DefaultValueFactory = _ => "test,shifted,ci" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model folder (checkpoints go to its checkpoint/ subfolder; training resumes from it).", Required = true };
        var command = new Command("train", "Train one model.") { task, labels, seed, steps, minutes, validateEvery, validation, size, threads, strategy, pool, sequenceSteps, backgrounds, backgroundShare, twins, data, labelsCsv, cohorts, output };
        command.SetAction(parse =>
        {
            var log = parse.InvocationConfiguration.Error;
            var options = new TrainingOptions
            {
                Task = parse.GetValue(task) switch { "two-type" => TrainingTask.TwoType, "five-type" => TrainingTask.FiveType, var t => throw new ArgumentException($"--task must be two-type or five-type, not '{t}'.") },
                Labels = parse.GetValue(labels) switch { "slice" => LabelMode.Slice, "subject" => LabelMode.Subject, var l => throw new ArgumentException($"--labels must be slice or subject, not '{l}'.") },
                Seed = parse.GetValue(seed),
                Steps = parse.GetValue(steps),
                Minutes = parse.GetValue(minutes),
                ValidateEvery = parse.GetValue(validateEvery),
                ValidationSeries = parse.GetValue(validation),
                Threads = parse.GetValue(threads),
                Input = Ich.Preprocessing.InputContract.Default with { InputSize = parse.GetValue(size) },
                Twins = parse.GetValue(twins),
            };
            var folder = parse.GetRequiredValue(output).FullName;
            var backgroundPaths = parse.GetValue(backgrounds) ?? [];
            var dataPath = parse.GetValue(data);
            var labelFile = parse.GetValue(labelsCsv);
            if ((dataPath is null) != (labelFile is null)) throw new ArgumentException("--data and --labels-csv go together.");
            if (dataPath is not null && backgroundPaths.Length > 0) throw new ArgumentException("--backgrounds mixes inserted bleeds into phantom training; with --data the training data are the given DICOM.");
            using var dataset = dataPath is null ? null : LabelledData.Open(dataPath, labelFile!.FullName, options.Seed, log);
            ISeriesSource trainSource, validationSource;
            if (dataset is not null)
            {
                trainSource = dataset.Train;
                validationSource = dataset.Validation;
                options = options with { ValidationSeries = Math.Min(options.ValidationSeries, dataset.Validation.Count) };
            }
            else
            {
                var phantomSource = new PhantomSeriesSource(SeedMixer.Mix(options.Seed, 1), twins: options.Twins);
                var heads = HeadSplit.Of(backgroundPaths, options.Seed);
                trainSource = heads.Training.Count == 0
                    ? phantomSource
                    : new BackgroundMixSource(phantomSource, heads.Training, parse.GetValue(backgroundShare), options.Seed, log);
                var validationPhantoms = new PhantomSeriesSource(SeedMixer.Mix(options.Seed, 2));
                validationSource = heads.Validation.Count == 0
                    ? validationPhantoms
                    : new BackgroundMixSource(validationPhantoms, heads.Validation, parse.GetValue(backgroundShare), SeedMixer.Mix(options.Seed, 3), log);
            }

            var checkpoints = Path.Combine(folder, "checkpoint");
            IReadOnlyList<string> described = dataset is null
                ? [trainSource.Description, $"validation: {options.ValidationSeries} series of {validationSource.Description}"]
                : [trainSource.Description, $"validation: {options.ValidationSeries} series of {validationSource.Description}", $"held out: {dataset.Test.Description}"];
            var run = new RunRecord(parse.GetValue(labels)!, parse.GetValue(task)!, options.Seed, options.Input.InputSize, options.Steps,
                "ich train " + string.Join(' ', parse.Tokens.Select(t => t.Value)), described)
            {
                DataPath = dataPath is null ? null : Path.GetFullPath(dataPath),
                LabelsCsv = labelFile?.FullName,
            };
            run.Write(checkpoints);
            var twoStage = parse.GetValue(strategy) switch
            {
                "two-stage" => true,
                "end-to-end" => false,
                "auto" => true,
                var other => throw new ArgumentException($"--strategy must be two-stage, end-to-end or auto, not '{other}'."),
            };
            var (net, state) = twoStage
                ? new SlabPoolTrainer(options, log) { PoolSize = parse.GetValue(pool), SequenceSteps = parse.GetValue(sequenceSteps) }.Run(trainSource, validationSource, checkpoints)
                : RunResilient(new Trainer(options, log), trainSource, validationSource, checkpoints, log);
            log.WriteLine($"done: {state.Step} steps in {state.TrainingSeconds / 60:0.0} min; best validation score {state.BestScore:0.0000} at step {state.BestStep}.");
            var cohortNames = parse.GetValue(cohorts)!;
            if (cohortNames != "none")
            {
                var card = ModelPublisher.Publish(net, run, state, folder, PublishCommand.ParseCohorts(cohortNames), log,
                    dataset is null ? null : [EvaluationSet.HeldOut(dataset.Test)]);
                parse.InvocationConfiguration.Output.WriteLine($"model: {Path.Combine(folder, card.File)} ({card.Name} {card.Version})");
            }

            net.Dispose();
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs the trainer and, when libtorch raises a native error mid-run, resumes from the last checkpoint (the data
    /// of every step are deterministic, so the resumed run sees what the uninterrupted one would have).
    /// </summary>
    private static (Ich.Training.Network.IchNet, TrainingState) RunResilient(Trainer trainer, ISeriesSource train, ISeriesSource validation, string checkpoints, TextWriter log)
    {
        const int maxRestarts = 20;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return trainer.Run(train, validation, checkpoints);
            }
            catch (System.Runtime.InteropServices.ExternalException e) when (attempt < maxRestarts)
            {
                log.WriteLine($"\nlibtorch error ({e.Message.Split('\n')[0]}); resuming from the last checkpoint (restart {attempt + 1} of {maxRestarts}).");
            }
        }
    }
}
