using System.CommandLine;
using Ich.Phantoms;
using Ich.Phantoms.Output;

namespace Ich.Cli.Phantoms;

/// <summary>
/// <c>ich phantoms preview --out file.png [--seed S] [--studies N] [--slices K] [--matrix 512] [--tile 320]</c>:
/// a brain-window (W80/L40) montage of phantom slices with and without hemorrhage, one row per study, so a person
/// can judge the realism. Exit codes: 0 written, 2 bad arguments or the file cannot be written.
/// </summary>
internal static class PhantomsPreviewCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Cohort seed.", DefaultValueFactory = _ => 0 };
        var studies = new Option<int>("--studies") { Description = "Studies (rows); half with hemorrhage, half without.", DefaultValueFactory = _ => 4 };
        var slices = new Option<int>("--slices") { Description = "Slices per study (columns).", DefaultValueFactory = _ => 4 };
        var matrix = new Option<int>("--matrix") { Description = "Rows = columns per slice (64-512, even).", DefaultValueFactory = _ => 512 };
        var tile = new Option<int>("--tile") { Description = "Tile size in pixels.", DefaultValueFactory = _ => 320 };
        var command = new Command("preview", "Write a brain-window PNG montage of phantom slices with and without hemorrhage.")
        {
            output, seed, studies, slices, matrix, tile,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetRequiredValue(output);
            try
            {
                var rows = parseResult.GetValue(studies);
                var columns = parseResult.GetValue(slices);
                if (rows is < 1 or > 32) throw new ArgumentException($"--studies must be 1-32 (got {rows}).");
                if (columns is < 1 or > 12) throw new ArgumentException($"--slices must be 1-12 (got {columns}).");
                var tileSize = parseResult.GetValue(tile);
                if (tileSize is < 64 or > 1024) throw new ArgumentException($"--tile must be 64-1024 pixels (got {tileSize}).");
                var seedValue = parseResult.GetValue(seed);
                var size = parseResult.GetValue(matrix);
                var positive = new PhantomGenerator(seedValue, new PhantomOptions { Matrix = size, Hemorrhage = true });
                var healthy = new PhantomGenerator(seedValue, new PhantomOptions { Matrix = size, Hemorrhage = false });
                var tiles = new List<MontageTile>();
                for (var i = 0; i < rows; i++)
                {
                    var study = i % 2 == 0 ? positive.Generate(i) : healthy.Generate(i);
                    tiles.AddRange(PreviewSlices.Choose(study, columns).Select(k => new MontageTile(study, k, PreviewSlices.Caption(study, k))));
                }
                if (file.DirectoryName is { Length: > 0 } dir) Directory.CreateDirectory(dir);
                using var stream = file.Create();
                MontageRenderer.WritePng(tiles, columns, tileSize, stream);
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"error: {PhantomsGenerateCommand.FirstLine(e.Message)}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write {file.FullName}: {e.Message}");
                return 2;
            }
            stdout.WriteLine($"Wrote {file.FullName} (brain window W80/L40). Phantoms are not patients.");
            return 0;
        });
        return command;
    }
}
