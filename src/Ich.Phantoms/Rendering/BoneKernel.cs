namespace Ich.Phantoms.Rendering;

/// <summary>
/// A bone-kernel look-alike of a study (sharper edges, more noise), for the distractor series a real head CT
/// carries: unsharp masking of the soft-tissue reconstruction. Not meant for analysis.
/// </summary>
internal static class BoneKernel
{
    /// <summary>Returns sharpened copies of the study's slices.</summary>
    public static IReadOnlyList<short[]> Sharpen(PhantomStudy study)
    {
        var n = study.Geometry.Matrix;
        var result = new short[study.Slices.Count][];
        for (var k = 0; k < result.Length; k++)
        {
            var source = study.Slices[k];
            var target = new short[source.Length];
            for (var row = 0; row < n; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    var i = row * n + col;
                    var sum = 0;
                    for (var dr = -1; dr <= 1; dr++)
                    {
                        var r = Math.Clamp(row + dr, 0, n - 1);
                        for (var dc = -1; dc <= 1; dc++) sum += source[r * n + Math.Clamp(col + dc, 0, n - 1)];
                    }
                    var blurred = sum / 9f;
                    target[i] = (short)Math.Clamp(MathF.Round(source[i] + 1.5f * (source[i] - blurred)), -1024f, 3071f);
                }
            }
            result[k] = target;
        }
        return result;
    }
}
