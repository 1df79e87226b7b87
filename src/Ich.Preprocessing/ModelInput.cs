namespace Ich.Preprocessing;

/// <summary>
/// A series ready for the model: a float tensor [T, C, H, W] (T slabs, C windows, H = W = size), the slabs it was
/// made of, and the frame that maps model pixels back to the source slices.
/// </summary>
public sealed class ModelInput
{
    internal ModelInput(float[] tensor, int channels, ModelFrame frame, IReadOnlyList<Slab> slabs, int sourceSliceCount, HeadLocation head)
    {
        Tensor = tensor;
        Channels = channels;
        Frame = frame;
        Slabs = slabs;
        Head = head;
        var slabOfSlice = new int[sourceSliceCount];
        for (var s = 0; s < slabs.Count; s++)
        {
            for (var i = slabs[s].FirstSlice; i < slabs[s].EndSlice; i++) slabOfSlice[i] = s;
        }

        SlabOfSlice = slabOfSlice;
    }

    /// <summary>Values in 0…1, layout [T, C, H, W].</summary>
    public float[] Tensor { get; }

    /// <summary>Number of slabs T.</summary>
    public int SlabCount => Slabs.Count;

    /// <summary>Number of channels C.</summary>
    public int Channels { get; }

    /// <summary>Rows = columns.</summary>
    public int Size => Frame.Size;

    /// <summary>The tensor's shape [T, C, H, W].</summary>
    public int[] Shape => [SlabCount, Channels, Size, Size];

    /// <summary>Model-to-source pixel mapping.</summary>
    public ModelFrame Frame { get; }

    /// <summary>The slabs, inferior → superior.</summary>
    public IReadOnlyList<Slab> Slabs { get; }

    /// <summary>For every source slice, the slab holding it: slab outputs map back to every original slice.</summary>
    public IReadOnlyList<int> SlabOfSlice { get; }

    /// <summary>Where the head was found.</summary>
    public HeadLocation Head { get; }

    /// <summary>One slab's values, layout [C, H, W].</summary>
    public ReadOnlySpan<float> SlabValues(int slab) => Tensor.AsSpan(slab * Channels * Size * Size, Channels * Size * Size);
}
