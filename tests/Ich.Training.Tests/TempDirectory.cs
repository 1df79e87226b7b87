namespace Ich.Training.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ich-training-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
