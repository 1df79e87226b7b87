using Ich.Preprocessing;

namespace Ich.Preprocessing.Tests;

public class ModelFrameTests
{
    private static ModelFrame Frame(InPlaneTransform transform) => new()
    {
        Size = 128, FieldOfViewMm = 230, CentreColumn = 250.5, CentreRow = 240, ColumnSpacingMm = 0.45, RowSpacingMm = 0.5, Transform = transform,
    };

    [Theory]
    [InlineData(0f, 1f, 0f, 0f, false)]
    [InlineData(12f, 1.1f, 5f, -7f, true)]
    [InlineData(-15f, 0.9f, -3f, 2f, false)]
    public void ToModel_InvertsToSource(float rotation, float scale, float shiftX, float shiftY, bool flip)
    {
        var frame = Frame(new InPlaneTransform(rotation, scale, shiftX, shiftY, flip));

        foreach (var (c, r) in new[] { (0.0, 0.0), (63.5, 20.25), (127.0, 127.0), (10.0, 100.0) })
        {
            var (sc, sr) = frame.ToSource(c, r);
            var (mc, mr) = frame.ToModel(sc, sr);
            Assert.Equal(c, mc, 9);
            Assert.Equal(r, mr, 9);
        }
    }

    [Fact]
    public void IdentityFrame_CentresTheHeadAndUsesTheFieldSpacing()
    {
        var frame = Frame(InPlaneTransform.Identity);

        // The centre of the model image (between pixels 63 and 64) is the head centre.
        var (column, row) = frame.ToSource(63.5, 63.5);
        Assert.Equal(250.5, column, 9);
        Assert.Equal(240, row, 9);
        // One model pixel = 230 / 128 mm = 3.99 source columns of 0.45 mm.
        var (next, _) = frame.ToSource(64.5, 63.5);
        Assert.Equal(230.0 / 128 / 0.45, next - column, 9);
    }

    [Fact]
    public void FlipMirrorsLeftAndRight()
    {
        var frame = Frame(new InPlaneTransform(FlipLeftRight: true));

        var (left, _) = frame.ToSource(10, 63.5);
        var (right, _) = frame.ToSource(117, 63.5);
        Assert.True(left > frame.CentreColumn);
        Assert.True(right < frame.CentreColumn);
    }
}
