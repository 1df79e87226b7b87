namespace Ich.Dicom.Pixels.Codecs.JpegLossless;

/// <summary>
/// The predictors of ITU T.81 Table H.1 as types, so the JIT compiles one specialised row loop per predictor
/// (a generic method over a struct) instead of branching on the predictor for every sample.
/// </summary>
internal interface ILosslessPredictor
{
    /// <summary>Predicts a sample from its left (Ra), upper (Rb) and upper-left (Rc) neighbours.</summary>
    static abstract int Predict(int ra, int rb, int rc);
}

/// <summary>Predictor 1: Ra.</summary>
internal readonly struct PredictorLeft : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => ra;
}

/// <summary>Predictor 2: Rb.</summary>
internal readonly struct PredictorAbove : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => rb;
}

/// <summary>Predictor 3: Rc.</summary>
internal readonly struct PredictorAboveLeft : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => rc;
}

/// <summary>Predictor 4: Ra + Rb - Rc.</summary>
internal readonly struct PredictorPlane : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => ra + rb - rc;
}

/// <summary>Predictor 5: Ra + ((Rb - Rc) >> 1).</summary>
internal readonly struct PredictorLeftGradient : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => ra + ((rb - rc) >> 1);
}

/// <summary>Predictor 6: Rb + ((Ra - Rc) >> 1).</summary>
internal readonly struct PredictorAboveGradient : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => rb + ((ra - rc) >> 1);
}

/// <summary>Predictor 7: (Ra + Rb) >> 1.</summary>
internal readonly struct PredictorAverage : ILosslessPredictor
{
    /// <inheritdoc />
    public static int Predict(int ra, int rb, int rc) => (ra + rb) >> 1;
}
