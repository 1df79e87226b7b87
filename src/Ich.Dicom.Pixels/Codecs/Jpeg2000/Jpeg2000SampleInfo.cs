namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>What a JPEG 2000 codestream says about its samples (first component), which may disagree with the dataset.</summary>
/// <param name="Precision">Bits per sample in the codestream (1..38).</param>
/// <param name="IsSigned">True when the codestream's samples are signed (SIZ Ssiz bit 7).</param>
public readonly record struct Jpeg2000SampleInfo(int Precision, bool IsSigned);
