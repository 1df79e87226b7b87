namespace Ich.Preprocessing;

/// <summary>
/// The one preprocessing path of training, evaluation and serving: HU volume → head location → slabs (thin slices
/// averaged to the contract's thickness) → in-plane resample into a fixed physical field centred on the head →
/// intensity windows as channels → tensor [T, C, H, W].
/// </summary>
public static class SeriesPreprocessor
{
    /// <summary>Preprocesses <paramref name="volume"/> by <paramref name="contract"/>.</summary>
    /// <param name="volume">The series in HU, inferior → superior.</param>
    /// <param name="contract">The model's input contract (from its card).</param>
    /// <param name="transform">Extra in-plane transform (training augmentation); identity when null.</param>
    /// <param name="maxDegreeOfParallelism">Slabs processed at once.</param>
    /// <exception cref="ArgumentOutOfRangeException">The contract is not valid.</exception>
    public static ModelInput Preprocess(HuVolume volume, InputContract contract, InPlaneTransform? transform = null, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDegreeOfParallelism);
        contract.Validate();
        var head = HeadLocator.Locate(volume, contract);
        var frame = new ModelFrame
        {
            Size = contract.InputSize,
            FieldOfViewMm = Math.Max(contract.FieldOfViewMm, head.ExtentMm),
            CentreColumn = head.CentreColumn,
            CentreRow = head.CentreRow,
            ColumnSpacingMm = volume.ColumnSpacingMm,
            RowSpacingMm = volume.RowSpacingMm,
            Transform = transform ?? InPlaneTransform.Identity,
        };
        var slabs = SlabPlanner.Plan(volume.SlicePositionsMm, contract.SlabThicknessMm);
        var size = contract.InputSize;
        var channels = contract.Windows.Count;
        var tensor = new float[slabs.Count * channels * size * size];
        var plane = volume.Width * volume.Height;

        void ProcessSlab(int s)
        {
            var slab = slabs[s];
            ReadOnlySpan<float> source;
            float[]? mean = null;
            if (slab.SliceCount == 1)
            {
                source = volume.Slice(slab.FirstSlice);
            }
            else
            {
                // Thin slices averaged into a slab: the mean HU is what a thick reconstruction measures.
                mean = new float[plane];
                for (var z = slab.FirstSlice; z < slab.EndSlice; z++)
                {
                    var slice = volume.Slice(z);
                    for (var i = 0; i < plane; i++) mean[i] += slice[i];
                }

                var inverse = 1f / slab.SliceCount;
                for (var i = 0; i < plane; i++) mean[i] *= inverse;
                source = mean;
            }

            var resampled = new float[size * size];
            PlaneResampler.Resample(source, volume.Width, volume.Height, frame, contract.OutsideHu, resampled);
            var offset = s * channels * size * size;
            for (var c = 0; c < channels; c++)
            {
                var window = contract.Windows[c];
                var target = tensor.AsSpan(offset + c * size * size, size * size);
                var low = window.Low;
                var inverseWidth = 1f / window.Width;
                for (var i = 0; i < resampled.Length; i++) target[i] = Math.Clamp((resampled[i] - low) * inverseWidth, 0f, 1f);
            }
        }

        if (maxDegreeOfParallelism == 1)
        {
            for (var s = 0; s < slabs.Count; s++) ProcessSlab(s);
        }
        else
        {
            Parallel.For(0, slabs.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, ProcessSlab);
        }

        return new ModelInput(tensor, channels, frame, slabs, volume.Depth, head);
    }
}
