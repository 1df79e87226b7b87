using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>
/// Draws the hemorrhages of a positive subject: a primary subtype, then others at co-occurrence rates like those
/// of trauma and hypertensive cohorts (in Ye et al. 2019 most subarachnoid cases had another subtype too).
/// Sizes run from subtle (a few mm, one or two slices) to large with mass effect.
/// </summary>
internal static class LesionSampler
{
    private static readonly (HemorrhageSubtype Subtype, double Weight)[] Primary =
    [
        (HemorrhageSubtype.Intraparenchymal, 0.30), (HemorrhageSubtype.Subdural, 0.29), (HemorrhageSubtype.Subarachnoid, 0.20),
        (HemorrhageSubtype.Intraventricular, 0.13), (HemorrhageSubtype.Epidural, 0.08),
    ];

    // Probability of each further subtype given the primary, indexed [primary][other].
    private static readonly double[][] CoOccurrence =
    [
        /* EDH */ [0, 0.12, 0.00, 0.25, 0.20],
        /* IPH */ [0, 0, 0.35, 0.30, 0.10],
        /* IVH */ [0, 0.45, 0, 0.35, 0.05],
        /* SAH */ [0.05, 0.35, 0.20, 0, 0.40],
        /* SDH */ [0.04, 0.12, 0.03, 0.35, 0],
    ];

    /// <summary>Draws the lesions of one positive subject (at least one).</summary>
    public static List<Lesion> Sample(PhantomRandom rng, HeadModel head, float sliceThicknessMm)
    {
        var primary = PickPrimary(rng);
        var subtypes = new List<HemorrhageSubtype> { primary };
        foreach (var other in HemorrhageSubtypes.All)
        {
            if (other != primary && rng.Chance(CoOccurrence[(int)primary][(int)other])) subtypes.Add(other);
        }

        var lesions = new List<Lesion>();
        foreach (var subtype in subtypes)
        {
            var size = rng.NextDouble() switch { < 0.3 => LesionSize.Subtle, < 0.75 => LesionSize.Moderate, _ => LesionSize.Large };
            // Secondary lesions are rarely the large one.
            if (subtype != primary && size == LesionSize.Large && rng.Chance(0.6)) size = LesionSize.Moderate;
            lesions.Add(Create(rng, head, subtype, size, sliceThicknessMm));
        }
        return lesions;
    }

    private static HemorrhageSubtype PickPrimary(PhantomRandom rng)
    {
        var u = rng.NextDouble();
        foreach (var (subtype, weight) in Primary)
        {
            if ((u -= weight) < 0) return subtype;
        }
        return Primary[0].Subtype;
    }

    private static Lesion Create(PhantomRandom rng, HeadModel head, HemorrhageSubtype subtype, LesionSize size, float thickness) =>
        subtype switch
        {
            HemorrhageSubtype.Epidural => Epidural(rng, head, size),
            HemorrhageSubtype.Subdural => Subdural(rng, head, size),
            HemorrhageSubtype.Subarachnoid => Subarachnoid(rng, head, size),
            HemorrhageSubtype.Intraventricular => Intraventricular(rng, head, size),
            HemorrhageSubtype.Intraparenchymal => Intraparenchymal(rng, head, size, thickness),
            _ => throw new ArgumentOutOfRangeException(nameof(subtype), subtype, "Unknown hemorrhage subtype."),
        };

    private static Lesion Epidural(PhantomRandom rng, HeadModel head, LesionSize size)
    {
        var thickness = size switch { LesionSize.Subtle => rng.UniformF(3.5f, 7f), LesionSize.Moderate => rng.UniformF(8f, 15f), _ => rng.UniformF(16f, 30f) };
        var radius = MathF.Max(2.2f * thickness, rng.UniformF(18f, 40f));
        var side = rng.Sign();
        var (centre, cavityDir, surfaceRadius) = ConvexityPoint(rng, head, side, -0.25f, 0.6f);
        return new ExtraAxialHematoma(HemorrhageSubtype.Epidural, centre, cavityDir, surfaceRadius, radius, thickness,
            rng.UniformF(60f, 85f), SutureBounds.ForPoint(centre, side));
    }

    private static Lesion Subdural(PhantomRandom rng, HeadModel head, LesionSize size)
    {
        var thickness = size switch { LesionSize.Subtle => rng.UniformF(3f, 5f), LesionSize.Moderate => rng.UniformF(6f, 12f), _ => rng.UniformF(13f, 22f) };
        var side = rng.Sign();
        var density = rng.UniformF(55f, 80f);
        var form = rng.NextDouble();
        if (form < 0.12)
        {
            var centre = new Vector3(0f, rng.UniformF(-35f, 35f), rng.UniformF(25f, 45f));
            return new DuralFoldHematoma(true, side, centre, rng.UniformF(18f, 40f), rng.UniformF(10f, 18f), MathF.Min(thickness, rng.UniformF(2.5f, 6f)), density);
        }
        if (form < 0.22)
        {
            var x = side * rng.UniformF(12f, 28f);
            var y = rng.UniformF(28f, 45f);
            var centre = new Vector3(x, y, HeadModel.TentoriumZ(x, y));
            return new DuralFoldHematoma(false, side, centre, rng.UniformF(14f, 24f), rng.UniformF(12f, 20f), MathF.Min(thickness, rng.UniformF(2.5f, 5f)), density);
        }
        var (c, dir, surfaceRadius) = ConvexityPoint(rng, head, side, -0.2f, 0.65f);
        // Convexity subdurals of every age: most acute, some subacute (isodense), chronic or acute-on-chronic.
        var age = rng.NextDouble() switch { < 0.70 => SubduralAge.Acute, < 0.78 => SubduralAge.Subacute, < 0.90 => SubduralAge.Chronic, _ => SubduralAge.AcuteOnChronic };
        var olderHu = age == SubduralAge.Subacute ? rng.UniformF(40f, 48f) : rng.UniformF(5f, 22f);
        if (age != SubduralAge.Acute) thickness = MathF.Max(thickness, rng.UniformF(5f, 14f)); // older collections are seldom thin
        return new ExtraAxialHematoma(HemorrhageSubtype.Subdural, c, dir, surfaceRadius, MathF.Max(3f * thickness, rng.UniformF(35f, 75f)),
            thickness, density, SutureBounds.None, age, olderHu);
    }

    private static Lesion Subarachnoid(PhantomRandom rng, HeadModel head, LesionSize size)
    {
        var density = rng.UniformF(58f, 78f);
        var spread = rng.UniformF(0.6f, 1.2f);
        var scale = size switch { LesionSize.Subtle => 0.6f, LesionSize.Moderate => 0.85f, _ => 1.1f };
        var form = rng.NextDouble();
        if (form < 0.35)
        {
            var centre = new Vector3(rng.UniformF(-5f, 5f), rng.UniformF(-12f, 0f), rng.UniformF(-18f, -10f));
            return new SubarachnoidHemorrhage("basal", centre, rng.UniformF(22f, 38f) * scale + 8f, spread, density);
        }
        var side = rng.Sign();
        if (form < 0.62)
        {
            var a = head.CavitySemiAxes;
            var centre = new Vector3(side * (a.X - 14f), rng.UniformF(-18f, 2f), rng.UniformF(-10f, -2f));
            return new SubarachnoidHemorrhage("sylvian", centre, rng.UniformF(16f, 30f) * scale + 4f, spread, density);
        }
        var (c, _, _) = ConvexityPoint(rng, head, side, 0.05f, 0.8f);
        var inward = c - Vector3.Normalize(c) * 6f;
        return new SubarachnoidHemorrhage("convexity", inward, rng.UniformF(14f, 32f) * scale + 4f, spread, density);
    }

    private static Lesion Intraventricular(PhantomRandom rng, HeadModel head, LesionSize size)
    {
        var density = rng.UniformF(58f, 82f);
        if (size == LesionSize.Subtle || rng.Chance(0.35))
        {
            return IntraventricularHemorrhage.Layering(rng.UniformF(30f, 38f), density);
        }
        var side = rng.Sign();
        var v = head.VentricleScale;
        var centre = new Vector3(side * (1.4f + 5f * v), rng.UniformF(-12f, 24f), rng.UniformF(8f, 16f));
        var radius = size == LesionSize.Large ? rng.UniformF(18f, 30f) : rng.UniformF(9f, 18f);
        return IntraventricularHemorrhage.Cast(centre, radius, density);
    }

    private static Lesion Intraparenchymal(PhantomRandom rng, HeadModel head, LesionSize size, float sliceThickness)
    {
        // The smallest clot still spans one slice thickness, so it is drawn in at least one slice it is labelled in.
        var minRadius = MathF.Max(2.5f, 0.6f * sliceThickness);
        var radius = size switch
        {
            LesionSize.Subtle => rng.UniformF(minRadius, MathF.Max(minRadius, 6f)),
            LesionSize.Moderate => rng.UniformF(7f, 14f),
            _ => rng.UniformF(15f, 27f),
        };
        var radii = new Vector3(radius * rng.UniformF(0.75f, 1.15f), radius * rng.UniformF(0.8f, 1.25f), radius * rng.UniformF(0.75f, 1.1f));
        radii = Vector3.Max(radii, new Vector3(minRadius));
        var side = rng.Sign();
        var form = rng.NextDouble();
        Vector3 centre;
        string name;
        if (form < 0.35)
        {
            var v = head.VentricleScale;
            centre = rng.Chance(0.6)
                ? new Vector3(side * (24f + 1.5f * v), -2f, 0f)
                : new Vector3(side * (11f + 1.5f * v), 13f, 4f);
            centre += new Vector3(rng.UniformF(-3f, 3f), rng.UniformF(-4f, 4f), rng.UniformF(-3f, 3f));
            radii = Vector3.Min(radii, new Vector3(MathF.Max(minRadius, 16f)));
            name = "deep";
        }
        else if (form < 0.45)
        {
            centre = new Vector3(side * rng.UniformF(14f, 26f), rng.UniformF(42f, 55f), rng.UniformF(-38f, -30f));
            radii = Vector3.Min(radii, new Vector3(MathF.Max(minRadius, 12f)));
            name = "cerebellar";
        }
        else if (form < 0.62)
        {
            // Contusion: frontal pole over the orbital roof, or temporal pole in the middle fossa.
            centre = rng.Chance(0.55)
                ? new Vector3(side * rng.UniformF(8f, 24f), rng.UniformF(-62f, -50f), rng.UniformF(-20f, -8f))
                : new Vector3(side * rng.UniformF(34f, 43f), rng.UniformF(-28f, -14f), rng.UniformF(-28f, -18f));
            // Foci cover about a third of the patch: a patch big enough to hold some at every slice thickness.
            radii = Vector3.Max(Vector3.Min(radii * 1.3f, new Vector3(16f)), new Vector3(MathF.Max(minRadius, 5f)));
            name = "contusion";
        }
        else
        {
            var (surface, _, _) = ConvexityPoint(rng, head, side, -0.1f, 0.8f);
            var depth = MathF.Max(radii.X, MathF.Max(radii.Y, radii.Z)) + rng.UniformF(7f, 16f);
            centre = surface - Vector3.Normalize(surface) * depth;
            name = "lobar";
        }
        var edema = MathF.Min(7f, 1.2f + 0.2f * radius) * rng.UniformF(0.7f, 1.2f);
        return new IntraparenchymalHemorrhage(name, centre, radii, edema, rng.UniformF(5f, 9f), rng.UniformF(62f, 85f), rng);
    }

    /// <summary>A point on the inner table of one hemisphere, away from the skull base and the vertex.</summary>
    private static (Vector3 Centre, Vector3 CavityDirection, float SurfaceRadius) ConvexityPoint(
        PhantomRandom rng, HeadModel head, int side, float minZ, float maxZ)
    {
        var z = rng.UniformF(minZ, maxZ);
        var phi = rng.UniformF(-1.25f, 1.25f); // around the side, from anterior to posterior
        var r = MathF.Sqrt(1f - z * z);
        var direction = new Vector3(side * r * MathF.Cos(phi), r * MathF.Sin(phi), z);
        var surfaceRadius = head.CavityRadius(direction);
        var centre = direction * surfaceRadius;
        return (centre, head.CavityDirectionOf(centre), surfaceRadius);
    }

    private enum LesionSize
    {
        Subtle,
        Moderate,
        Large,
    }
}
