using System.Text.Json.Serialization;

namespace Ich.Preprocessing;

/// <summary>
/// An extra in-plane rigid-plus-scale transform applied while resampling: identity when serving, random during
/// training (head position, size and rotation, left–right flips), so both go through the same resampler.
/// </summary>
/// <param name="RotationDegrees">Rotation of the head in the model frame, degrees (counter-clockwise on screen).</param>
/// <param name="Scale">Apparent size: 1.1 makes the head 10 % larger in the model frame.</param>
/// <param name="ShiftColumnsMm">Shift of the head to the right on screen, mm.</param>
/// <param name="ShiftRowsMm">Shift of the head down on screen, mm.</param>
/// <param name="FlipLeftRight">Mirror left and right.</param>
public sealed record InPlaneTransform(float RotationDegrees = 0f, float Scale = 1f, float ShiftColumnsMm = 0f, float ShiftRowsMm = 0f, bool FlipLeftRight = false)
{
    /// <summary>No change.</summary>
    public static InPlaneTransform Identity { get; } = new();

    /// <summary>Whether this is the identity.</summary>
    [JsonIgnore]
    public bool IsIdentity => RotationDegrees == 0f && Scale == 1f && ShiftColumnsMm == 0f && ShiftRowsMm == 0f && !FlipLeftRight;
}
