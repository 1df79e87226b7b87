namespace Ich.Training.Export;

/// <summary>The nodes and initializers of the sequence reader that the Grad-CAM subgraph reads.</summary>
/// <param name="Maps">Last-stage maps A [T, F, h, w].</param>
/// <param name="Features">Pooled features f = GAP(A) [T, F], the GRU's input.</param>
/// <param name="HiddenStates">GRU output per step [T, 2H]: forward then backward state.</param>
/// <param name="GruW">ONNX GRU input weights [2, 3H, F], gate rows z, r, n.</param>
/// <param name="GruR">ONNX GRU recurrent weights [2, 3H, H].</param>
/// <param name="GruB">ONNX GRU biases [2, 6H] = [Wb; Rb].</param>
/// <param name="SliceHeadW">Slice head weights [L, 2H].</param>
internal readonly record struct SequenceReaderNodes(
    string Maps, string Features, string HiddenStates, string GruW, string GruR, string GruB, string SliceHeadW);
