namespace Ich.Dicom.Pixels.Codecs.JpegLossless;

/// <summary>The SOF3 frame header of a lossless JPEG codestream (ITU T.81 B.2.2).</summary>
/// <param name="Precision">Sample precision P in bits (2..16).</param>
/// <param name="Rows">Number of lines Y.</param>
/// <param name="Columns">Samples per line X.</param>
/// <param name="ComponentIds">Component identifiers Ci, in frame order.</param>
internal sealed record LosslessFrameHeader(int Precision, int Rows, int Columns, byte[] ComponentIds)
{
    /// <summary>Number of image components Nf.</summary>
    public int ComponentCount => ComponentIds.Length;
}
