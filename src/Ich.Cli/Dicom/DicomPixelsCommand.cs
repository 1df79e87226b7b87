using System.CommandLine;
using Ich.Dicom;
using Ich.Dicom.Pixels;

namespace Ich.Cli.Dicom;

/// <summary>
/// <c>ich dicom pixels &lt;file&gt; --out &lt;file.raw&gt; [--frame N]</c>: writes the decoded stored pixel values of
/// every frame (or frame N, 0-based) as raw bytes: little-endian, the file's own bit depth (8, 16 or 32 bits) and
/// signedness, masked to Bits Stored and sign-extended, colour samples interleaved. That is the convention of
/// scripts/reference-hashes/reference_decode.py, so <c>cmp</c> against a reference decoder's output works.
/// Exit codes: 0 written, 2 bad input or frame out of range (one-line error, no output file left behind).
/// </summary>
internal static class DicomPixelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The DICOM file (any supported transfer syntax)." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the raw stored values.", Required = true };
        var frame = new Option<int?>("--frame") { Description = "Write only this frame (0-based); all frames by default." };
        var command = new Command("pixels", "Decode pixel data to raw stored values (little-endian, file's bit depth and sign, colour interleaved).")
        {
            file,
            output,
            frame,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file),
            parseResult.GetRequiredValue(output),
            parseResult.GetValue(frame),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(FileInfo input, FileInfo destination, int? frame, TextWriter output, TextWriter error)
    {
        PixelFrames frames;
        try
        {
            frames = PixelFrames.Open(DicomReader.Read(input.FullName));
        }
        catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {input.Name}: {e.Message}");
            return 2;
        }

        if (frame is { } index && (index < 0 || index >= frames.FrameCount))
        {
            error.WriteLine($"error: {input.Name}: frame {index} is out of range: the file has {frames.FrameCount} frame(s), numbered from 0.");
            return 2;
        }

        var first = frame ?? 0;
        var count = frame is null ? frames.FrameCount : 1;
        // Write to a temporary file and move it into place, so a frame that fails to decode leaves no half file.
        var temporary = destination.FullName + ".partial";
        try
        {
            var buffer = new byte[frames.Format.FrameLength];
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                for (var i = first; i < first + count; i++)
                {
                    frames.DecodeFrame(i, buffer);
                    stream.Write(buffer);
                }
            }

            File.Move(temporary, destination.FullName, overwrite: true);
        }
        catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            error.WriteLine($"error: {input.Name}: {e.Message}");
            return 2;
        }

        var format = frames.Format;
        output.WriteLine(
            $"{destination.Name}: {count} frame(s) of {format.Rows}x{format.Columns} x {format.SamplesPerPixel} sample(s), " +
            $"{format.BitsAllocated}-bit {(format.IsSigned ? "signed" : "unsigned")} little-endian ({format.BitsStored} bits stored), " +
            $"{(long)count * format.FrameLength} bytes, {frames.TransferSyntax.Name}.");
        return 0;
    }
}
