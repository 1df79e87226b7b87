namespace Ich.Training.Export;

/// <summary>The nodes and initializers of the sequence reader that the Grad-CAM subgraph reads, per input slab.</summary>
/// <param name="Maps">Last-stage maps A [T, F, h, w].</param>
/// <param name="Features">Pooled features f = GAP(A) [T, F], the GRU's input.</param>
/// <param name="ForwardPrevious">The forward state each slab's step started from [T, H] (zero at its series' start).</param>
/// <param name="BackwardPrevious">The backward state each slab's step started from [T, H] (zero at its series' end).</param>
/// <param name="GruW">ONNX GRU input weights [2, 3H, F], gate rows z, r, n.</param>
/// <param name="GruR">ONNX GRU recurrent weights [2, 3H, H].</param>
/// <param name="GruB">ONNX GRU biases [2, 6H] = [Wb; Rb].</param>
/// <param name="SliceHeadW">Slice head weights [L, 2H].</param>
internal readonly record struct SequenceReaderNodes(
    string Maps, string Features, string ForwardPrevious, string BackwardPrevious, string GruW, string GruR, string GruB, string SliceHeadW);
