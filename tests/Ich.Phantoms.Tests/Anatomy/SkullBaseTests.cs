using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Tests.Anatomy;

/// <summary>
/// The skull base as structures, not a block of bone: what real slices at these levels always show (the foramen magnum
/// with the medulla, the ear canals, the sphenoid sinus, soft tissue under the middle fossa) is there in every head.
/// Points are in the head frame (mm; x left, y posterior, z superior).
/// </summary>
public class SkullBaseTests
{
    private static IEnumerable<HeadModel> Heads()
    {
        for (var i = 0; i < 16; i++)
        {
            var rng = PhantomRandom.ForStudy(31, i).Fork();
            yield return new HeadModel(rng, ageYears: 20 + 4 * i, female: i % 2 == 0);
        }
    }

    private static Tissue At(HeadModel head, float x, float y, float z)
    {
        head.Evaluate(new Vector3(x, y, z), out var s);
        return s.Tissue;
    }

    [Fact]
    public void MedullaAndCord_PassThroughTheForamenMagnum_WithNoBoneAcrossIt()
    {
        foreach (var head in Heads())
        {
            for (var z = -72f; z <= -46f; z += 1f)
            {
                var t = At(head, 0f, 21f, z);
                Assert.True(t is not (Tissue.Bone or Tissue.Air or Tissue.AirCell), $"bone or air at the foramen magnum, z {z}: {t}");
            }
        }
    }

    [Fact]
    public void Cerebellum_FillsTheBackOfTheHead_JustAboveTheEarCanals()
    {
        // Real posterior fossae reach 20–30 mm below the ear canals, so just above them the cerebellar hemispheres
        // span most of the back of the head (a shallow fossa left a small half-moon of brain inside a ring of bone).
        var widths = new List<float>();
        foreach (var head in Heads())
        {
            var width = 0f;
            for (var x = -70f; x <= 70f; x += 0.5f)
                if (At(head, x, 30f, -45f) is Tissue.Cerebellum or Tissue.Sulcus or Tissue.SubarachnoidSpace) width += 0.5f;
            widths.Add(width);
        }
        Assert.True(widths.Min() > MinimumCerebellarWidthMm, $"cerebellum widths {string.Join(", ", widths)} mm");
    }

    private const float MinimumCerebellarWidthMm = 55f; // the shallow fossa gave 0–43 mm here, real heads about 90

    [Fact]
    public void EarCanals_AreAirFromTheSkinInwards_OnBothSides()
    {
        foreach (var head in Heads())
        {
            foreach (var side in new[] { -1f, 1f })
            {
                var air = false;
                for (var z = -54f; z <= -46f && !air; z += 0.5f)
                    air = At(head, side * 60f, 12f, z) is Tissue.Air;
                Assert.True(air, $"no ear canal on side {side}");
            }
        }
    }

    [Fact]
    public void SphenoidSinus_IsAirInsideBone_SplitByASeptum()
    {
        foreach (var head in Heads())
        {
            var tissues = new List<Tissue>();
            for (var x = -10f; x <= 10f; x += 0.25f) tissues.Add(At(head, x, -17f, -40f));
            Assert.Contains(Tissue.AirCell, tissues);
            // Air on both sides of bone somewhere inside: the septum.
            var first = tissues.IndexOf(Tissue.AirCell);
            var last = tissues.LastIndexOf(Tissue.AirCell);
            Assert.Contains(Tissue.Bone, tissues.Skip(first).Take(last - first));
        }
    }

    [Fact]
    public void PetrousBone_IsDenseButUneven()
    {
        // Along the petrous axis (from the lateral base to the apex) a few mm under the ridge: the densest bone of the
        // skull, but not one flat value (a uniform bar of 1,800 HU looks like no real temporal bone).
        foreach (var head in Heads())
        {
            var hu = new List<float>();
            for (var f = 0.1f; f <= 0.9f; f += 0.02f)
            {
                var x = 56f + (14f - 56f) * f;
                var y = 22f + (-4f - 22f) * f;
                var z = -26f - 0.12f * x - 4f;
                head.Evaluate(new Vector3(x, y, z), out var s);
                if (s.Tissue is Tissue.Bone) hu.Add(s.Hu);
            }
            Assert.True(hu.Count > 20, $"only {hu.Count} bone points on the petrous axis");
            var mean = hu.Average();
            var sd = Math.Sqrt(hu.Average(v => (v - mean) * (v - mean)));
            Assert.InRange(mean, 1200, 2000);
            Assert.True(sd > 60, $"petrous bone SD {sd:0} HU");
        }
    }

    [Fact]
    public void PetrousBone_HoldsTheLabyrinthAndTheCarotidCanal()
    {
        // The petrous pyramid is not solid: the vestibule (fluid) sits in the dense otic capsule lateral to the internal
        // auditory canal, and the carotid canal runs forwards and medially through the apex.
        foreach (var head in Heads())
        {
            var vestibule = false;
            var carotid = false;
            for (var z = -62f; z <= -34f; z += 0.5f)
            {
                head.Evaluate(new Vector3(37f, 10f, z), out var centre);
                head.Evaluate(new Vector3(33f, 10f, z), out var medial);
                head.Evaluate(new Vector3(40f, 10f, z), out var lateral);
                vestibule |= centre is { Tissue: Tissue.Muscle, Hu: < 60f } && medial is { Tissue: Tissue.Bone, Hu: > 1700f } && lateral is { Tissue: Tissue.Bone, Hu: > 1700f };
                head.Evaluate(new Vector3(22f, -2f, z), out var canal);
                head.Evaluate(new Vector3(22f, -2f, z + 4.5f), out var above);
                carotid |= canal is { Tissue: Tissue.Muscle, Hu: < 60f } && above.Tissue is Tissue.Bone;
            }
            Assert.True(vestibule, "no fluid-filled vestibule inside dense bone");
            Assert.True(carotid, "no carotid canal under bone in the petrous apex");
        }
    }
}
