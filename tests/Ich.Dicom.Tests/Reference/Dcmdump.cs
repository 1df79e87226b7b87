using System.Diagnostics;

namespace Ich.Dicom.Tests.Reference;

/// <summary>Runs dcmtk's dcmdump, the reference parser the writer's output must satisfy.</summary>
internal static class Dcmdump
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dcmdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("dcmdump (dcmtk) is not installed: run ./build.sh deps.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
