namespace Ich.Phantoms;

/// <summary>
/// One subject rendered twice from the same anatomy, scanner, noise and artefacts: with its hemorrhage and without
/// it (and without the mass effect it causes). A model trained on the pair learns from what differs: the lesion.
/// </summary>
/// <param name="Positive">The study with its lesions. Rarely every drawn lesion is too thin to label; it then has none.</param>
/// <param name="LesionFree">The same study without lesions or mass effect: every slice label is zero.</param>
public sealed record PhantomTwins(PhantomStudy Positive, PhantomStudy LesionFree);
