using Ich.Inference.Engine;
using Ich.Inference.Evaluation;
using Ich.Inference.Models;
using Ich.Phantoms.Cohorts;
using Ich.Testing;

namespace Ich.Inference.Tests.Shipped;

/// <summary>
/// CI's check of the models in models/: each is re-evaluated on the fixed 'ci' phantom cohort, regenerated from its
/// seed, through the served path, and must not fall below the figures its card states by more than a small
/// tolerance (the cohort and the computation are deterministic; the tolerance covers floating-point differences
/// between machines).
/// </summary>
public class ShippedModelTests
{
    private const double Tolerance = 0.01;

    public static TheoryData<string> Models() => ["ich-sli-lab", "ich-sli-lab-phantoms", "ich-sub-lab"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ShippedModel_HoldsItsCardFiguresOnTheCiCohort(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "models", name);
        Assert.True(File.Exists(Path.Combine(folder, ModelCard.FileName)), $"models/{name} is missing: the repository ships it.");
        using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 2 });
        var stated = model.Card.Metrics.Single(m => m.Cohort == FixedCohort.Ci.Name);
        var cohort = FixedCohort.Ci;

        var report = ModelEvaluator.Evaluate(model, Enumerable.Range(0, cohort.Studies).Select(i =>
        {
            var study = cohort.Generate(i);
            return new LabelledVolume($"ci:{i}", study.ToHuVolume(), study.SlicePositiveLabels());
        }));
        var measured = ModelEvaluator.ToCardMetrics(report, cohort.Name, cohort.Description, cohort.Studies);

        Assert.Equal(stated.Studies, measured.Studies);
        foreach (var (level, statedLevel, measuredLevel) in new[] { ("subject", stated.Subject, measured.Subject), ("slice", stated.Slice, measured.Slice) })
        {
            foreach (var (label, figures) in statedLevel)
            {
                var now = measuredLevel[label];
                Assert.Equal(figures.NPos, now.NPos);
                foreach (var (metric, was, isNow) in new[] { ("AUC", figures.Auc, now.Auc), ("sensitivity", figures.Sensitivity, now.Sensitivity), ("specificity", figures.Specificity, now.Specificity) })
                {
                    if (!double.IsFinite(was)) continue;
                    Assert.True(isNow >= was - Tolerance, $"{name}, {level} {label} {metric}: {isNow:0.0000} is below the card's {was:0.0000}");
                }
            }
        }
    }
}
