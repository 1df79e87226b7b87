using Ich.Inference.Models;
using Ich.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ich.Inference.Engine;

/// <summary>
/// One served model: its card and one warmed-up ONNX Runtime session. CUDA when asked and usable, otherwise the
/// CPU provider, said once in the log. Thread-safe: ONNX Runtime sessions may be run concurrently.
/// </summary>
public sealed class OnnxIchModel : IDisposable
{
    private readonly InferenceSession _session;

    private readonly OperatingPoints? _operatingPoints;

    private OnnxIchModel(ModelCard card, string folder, InferenceSession session, ExecutionDevice device, bool ignoreOperatingPoints)
    {
        Card = card;
        _operatingPoints = ignoreOperatingPoints ? null : card.OperatingPoints;
        Folder = folder;
        _session = session;
        Device = device;
    }

    /// <summary>The model's card.</summary>
    public ModelCard Card { get; }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <summary>Where it runs.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Loads the model in <paramref name="folder"/> (a <c>model-card.json</c> and the ONNX file it names).</summary>
    /// <param name="folder">Model folder.</param>
    /// <param name="options">Engine options; defaults when null.</param>
    /// <param name="log">Receives the one line about the device chosen.</param>
    /// <exception cref="InvalidDataException">The card is invalid, the file is missing, its hash differs, or the graph does not match the card.</exception>
    public static OnnxIchModel Load(string folder, EngineOptions? options = null, Action<string>? log = null)
    {
        options ??= new EngineOptions();
        var card = ModelCard.Read(Path.Combine(folder, ModelCard.FileName));
        var file = Path.Combine(folder, card.File);
        if (!File.Exists(file)) throw new InvalidDataException($"{card.Name}: the model file '{file}' named by its card is missing.");
        var hash = ModelCard.HashFile(file);
        if (!string.Equals(hash, card.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{card.Name}: '{card.File}' has SHA-256 {hash}, the card says {card.Sha256}: the model and its card do not belong together.");

        var (session, device) = CreateSession(file, options, log);
        var model = new OnnxIchModel(card, folder, session, device, options.IgnoreOperatingPoints);
        try
        {
            model.CheckGraph();
            if (options.WarmUp) model.Predict(new float[card.Input.Windows.Count * card.Input.InputSize * card.Input.InputSize], [1], includeFeatureMaps: false);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return model;
    }

    /// <summary>Runs the model on a preprocessed series.</summary>
    /// <param name="input">From <see cref="SeriesPreprocessor"/> with this model's contract.</param>
    /// <param name="includeFeatureMaps">Also return the last stage's maps.</param>
    /// <param name="includeGradCam">Also return the Grad-CAM maps, when the model has them (<see cref="HasGradCam"/>).</param>
    /// <exception cref="ArgumentException">The input's shape is not this model's.</exception>
    public SeriesPrediction Predict(ModelInput input, bool includeFeatureMaps = false, bool includeGradCam = false)
    {
        CheckShape(input);
        return Predict(input.Tensor, [input.SlabCount], includeFeatureMaps, includeGradCam)[0];
    }

    /// <summary>Whether the graph has the Grad-CAM output the card names.</summary>
    public bool HasGradCam => Card.Tensors.GradCam is { } name && _session.OutputMetadata.ContainsKey(name);

    /// <summary>Preprocesses by the card's contract and runs the model.</summary>
    public (ModelInput Input, SeriesPrediction Prediction) Predict(HuVolume volume, bool includeFeatureMaps = false)
    {
        var input = SeriesPreprocessor.Preprocess(volume, Card.Input, maxDegreeOfParallelism: 2);
        return (input, Predict(input, includeFeatureMaps, includeGradCam: false));
    }

    /// <summary>Whether one run can take several series (the card names a <see cref="ModelTensors.SeriesLengths"/> input).</summary>
    public bool CanFuseSeries => Card.Tensors.SeriesLengths is not null;

    /// <summary>
    /// Runs the model on several preprocessed series: as one fused run when <see cref="CanFuseSeries"/> (each series
    /// is still read on its own by the model), otherwise one run per series. Results come back in input order.
    /// </summary>
    /// <exception cref="ArgumentException">An input's shape is not this model's.</exception>
    public IReadOnlyList<SeriesPrediction> PredictBatch(IReadOnlyList<ModelInput> inputs, bool includeFeatureMaps = false, bool includeGradCam = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) return [];
        foreach (var input in inputs) CheckShape(input);
        if (!CanFuseSeries || inputs.Count == 1)
            return [.. inputs.Select(i => Predict(i.Tensor, [i.SlabCount], includeFeatureMaps, includeGradCam)[0])];

        var fused = new float[inputs.Sum(i => (long)i.Tensor.Length)];
        var offset = 0;
        foreach (var input in inputs)
        {
            input.Tensor.CopyTo(fused, offset);
            offset += input.Tensor.Length;
        }

        return Predict(fused, [.. inputs.Select(i => i.SlabCount)], includeFeatureMaps, includeGradCam);
    }

    private void CheckShape(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Channels != Card.Input.Windows.Count || input.Size != Card.Input.InputSize)
            throw new ArgumentException($"The input is {input.Channels}×{input.Size}², the model {Card.Name} needs {Card.Input.Windows.Count}×{Card.Input.InputSize}².", nameof(input));
    }

    private IReadOnlyList<SeriesPrediction> Predict(float[] tensor, int[] seriesSlabs, bool includeFeatureMaps, bool includeGradCam = false)
    {
        var predictions = Run(tensor, seriesSlabs, includeFeatureMaps, includeGradCam);
        if (Card.AverageWithMirror)
        {
            var mirrored = Run(MirrorColumns(tensor, Card.Input.InputSize), seriesSlabs, includeFeatureMaps: false, includeGradCam: false);
            for (var b = 0; b < predictions.Length; b++)
            {
                Average(predictions[b].SlabProbabilities, mirrored[b].SlabProbabilities);
                Average(predictions[b].SubjectProbabilities, mirrored[b].SubjectProbabilities);
            }
        }

        // The operating points act on what is served (the mirror mean), so 0.5 means what validation chose.
        if (_operatingPoints is { } points)
        {
            foreach (var prediction in predictions)
            {
                OperatingPoints.Apply(prediction.SlabProbabilities, Card.Labels, points.Slice);
                OperatingPoints.Apply(prediction.SubjectProbabilities, Card.Labels, points.Subject);
            }
        }

        return predictions;
    }

    // a ← (a + b) / 2, element by element.
    private static void Average(float[] a, float[] b)
    {
        for (var i = 0; i < a.Length; i++) a[i] = 0.5f * (a[i] + b[i]);
    }

    /// <summary>A copy of an [N, C, H, W] tensor (W = <paramref name="size"/>) with each image row's pixels in reverse order: patient left and right swapped.</summary>
    internal static float[] MirrorColumns(float[] tensor, int size)
    {
        var mirrored = new float[tensor.Length];
        for (var row = 0; row < tensor.Length; row += size)
        {
            tensor.AsSpan(row, size).CopyTo(mirrored.AsSpan(row, size));
            mirrored.AsSpan(row, size).Reverse();
        }

        return mirrored;
    }

    private SeriesPrediction[] Run(float[] tensor, int[] seriesSlabs, bool includeFeatureMaps, bool includeGradCam)
    {
        var contract = Card.Input;
        var slabs = seriesSlabs.Sum();
        var shape = new long[] { slabs, contract.Windows.Count, contract.InputSize, contract.InputSize };
        using var value = OrtValue.CreateTensorValueFromMemory(tensor, shape);
        List<string> inputNames = [Card.Tensors.Input];
        List<OrtValue> inputValues = [value];
        using var lengths = Card.Tensors.SeriesLengths is null
            ? null
            : OrtValue.CreateTensorValueFromMemory(seriesSlabs.Select(s => (long)s).ToArray(), [seriesSlabs.Length]);
        if (lengths is not null)
        {
            inputNames.Add(Card.Tensors.SeriesLengths!);
            inputValues.Add(lengths);
        }

        var names = new List<string> { Card.Tensors.SliceProbabilities, Card.Tensors.SubjectProbabilities };
        var mapsIndex = -1;
        var camIndex = -1;
        if (includeFeatureMaps && Card.Tensors.FeatureMaps is { } maps) { mapsIndex = names.Count; names.Add(maps); }
        if (includeGradCam && HasGradCam) { camIndex = names.Count; names.Add(Card.Tensors.GradCam!); }
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputNames, inputValues, names);
        var slab = outputs[0].GetTensorDataAsSpan<float>();
        var subject = outputs[1].GetTensorDataAsSpan<float>();
        var labels = Card.Labels.Count;
        if (slab.Length != slabs * labels || subject.Length != seriesSlabs.Length * labels)
            throw new InvalidDataException($"{Card.Name} returned {slab.Length} slab and {subject.Length} subject values for {slabs} slabs of {seriesSlabs.Length} series and {labels} labels.");

        var mapShape = mapsIndex < 0 ? null : outputs[mapsIndex].GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        var camShape = camIndex < 0 ? null : outputs[camIndex].GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        var predictions = new SeriesPrediction[seriesSlabs.Length];
        var first = 0;
        for (var b = 0; b < seriesSlabs.Length; b++)
        {
            var count = seriesSlabs[b];
            predictions[b] = new SeriesPrediction(
                Card.Labels,
                slab.Slice(first * labels, count * labels).ToArray(),
                subject.Slice(b * labels, labels).ToArray(),
                mapShape is null ? null : Rows(outputs[mapsIndex].GetTensorDataAsSpan<float>(), mapShape, first, count),
                mapShape is null ? null : [count, .. mapShape[1..]])
            {
                GradCam = camShape is null ? null : Rows(outputs[camIndex].GetTensorDataAsSpan<float>(), camShape, first, count),
                GradCamShape = camShape is null ? null : [count, .. camShape[1..]],
            };
            first += count;
        }

        return predictions;
    }

    // Slabs first … first + count − 1 of an output whose first axis is the slab.
    private static float[] Rows(ReadOnlySpan<float> values, int[] shape, int first, int count)
    {
        var perSlab = values.Length / shape[0];
        return values.Slice(first * perSlab, count * perSlab).ToArray();
    }

    private void CheckGraph()
    {
        foreach (var name in new[] { Card.Tensors.Input, Card.Tensors.SeriesLengths })
        {
            if (name is not null && !_session.InputMetadata.ContainsKey(name))
                throw new InvalidDataException($"{Card.Name}: the graph has no input '{name}' (it has {string.Join(", ", _session.InputMetadata.Keys)}).");
        }

        if (Card.Tensors.SeriesLengths is null && _session.InputMetadata.Count > 1)
            throw new InvalidDataException($"{Card.Name}: the graph takes {string.Join(", ", _session.InputMetadata.Keys)}, its card names only '{Card.Tensors.Input}' (a fused-batch model's card names its series-lengths input).");
        foreach (var name in new[] { Card.Tensors.SliceProbabilities, Card.Tensors.SubjectProbabilities })
        {
            if (!_session.OutputMetadata.ContainsKey(name))
                throw new InvalidDataException($"{Card.Name}: the graph has no output '{name}' (it has {string.Join(", ", _session.OutputMetadata.Keys)}).");
        }
    }

    private static (InferenceSession, ExecutionDevice) CreateSession(string file, EngineOptions options, Action<string>? log)
    {
        if (options.PreferGpu)
        {
            var gpuOptions = BaseOptions(options);
            try
            {
                // GetAvailableProviders() lists CUDA even without a GPU: only appending the provider (and creating the
                // session) tells whether CUDA 13, cuDNN 9 and a device are really there.
                gpuOptions.AppendExecutionProvider_CUDA(options.GpuDevice);
                var session = new InferenceSession(file, gpuOptions);
                log?.Invoke($"inference: CUDA execution provider on GPU {options.GpuDevice}");
                return (session, ExecutionDevice.Cuda);
            }
            catch (OnnxRuntimeException e)
            {
                log?.Invoke($"inference: no usable GPU ({FirstLine(e.Message)}); running on CPU with {options.IntraOpThreads} threads");
            }
            finally
            {
                gpuOptions.Dispose();
            }
        }
        else
        {
            log?.Invoke($"inference: CPU with {options.IntraOpThreads} threads");
        }

        using var cpuOptions = BaseOptions(options);
        return (new InferenceSession(file, cpuOptions), ExecutionDevice.Cpu);
    }

    private static SessionOptions BaseOptions(EngineOptions options)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        // No spinning: the threads would burn the cores that decoding and other requests need between runs.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return session;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();
}
