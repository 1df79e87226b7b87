using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ich.Dicom.Tests.Fuzz;

/// <summary>
/// Bounded mutation fuzzing of real fixtures (fixed seed, so every run tries the same cases): bit flips, byte
/// overwrites, truncations and corrupted length fields. Every case must either read or throw a
/// <see cref="DicomException"/>, each within a time budget and an allocation budget (measured per case on its own
/// thread), so a hostile length field cannot make the reader allocate what the file does not hold.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Cases = 12_000;
    private const int Seed = 20261126;
    private static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(5);

    // Allocation budget of one case: a fixed allowance (parser state, the dump's strings) plus a multiple of the input.
    // Deflated seeds inflate, so the multiple covers what a deflated dataset may legitimately expand to.
    private const long AllocationAllowanceBytes = 4L << 20;
    private const int AllocationPerInputByte = 64;

    private static readonly string[] Seeds =
    [
        "deflate-explicit-le/image_dfl.dcm",
        "parser-sequences/test-SR.dcm",
        "parser-sequences/rtplan.dcm",
        "parser-sequences/UN_sequence.dcm",
        "parser-sequences/priv_SQ.dcm",
        "parser-sequences/nested_priv_SQ.dcm",
        "parser-charsets/chrH31.dcm",
        "parser-charsets/chrSQEncoding.dcm",
        "parser-no-meta/ExplVR_BigEndNoMeta.dcm",
        "parser-no-meta/no_meta_group_length.dcm",
        "parser-meta-quirks/meta_missing_tsyntax.dcm",
        "mr-small-rle/MR_small_RLE.dcm",
        "rtdose-32bit-15frame-implicit/rtdose.dcm",
        "rgb-odd-length/SC_rgb_small_odd.dcm",
    ];

    [Fact]
    public async Task GivenMutatedRealFiles_WhenRead_ThenEachReadsOrThrowsDicomExceptionWithinBudget()
    {
        var originals = Seeds.Select(Fixtures.Bytes).ToArray();
        var failures = new ConcurrentQueue<string>();
        var running = new ConcurrentDictionary<int, long>();
        var outcomes = new int[2]; // [read, rejected]
        long worstAllocation = 0;

        var work = Task.Run(() => Parallel.For(0, Cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var random = new Random(Seed + i);
            var original = originals[i % originals.Length];
            var (mutated, description) = Mutate(original, random);
            running[i] = Stopwatch.GetTimestamp();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var file = DicomReader.Read(mutated);
                // Exercise the getters the way callers do; they may only fail with typed errors (which the dump absorbs).
                _ = DicomDump.Format(file.Dataset, showIdentifying: true);
                Interlocked.Increment(ref outcomes[0]);
            }
            catch (DicomException)
            {
                Interlocked.Increment(ref outcomes[1]);
            }
            catch (Exception e)
            {
                failures.Enqueue($"case {i} ({Seeds[i % Seeds.Length]}, {description}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            finally
            {
                running.TryRemove(i, out _);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                InterlockedMax(ref worstAllocation, allocated);
                if (allocated > AllocationAllowanceBytes + (long)AllocationPerInputByte * original.Length)
                {
                    failures.Enqueue($"case {i} ({Seeds[i % Seeds.Length]}, {description}): allocated {allocated:N0} bytes for a {mutated.Length:N0}-byte input.");
                }
            }
        }));

        // The watchdog: a case still running after its budget is a hang, reported with the case that caused it.
        while (await Task.WhenAny(work, Task.Delay(200)) != work)
        {
            var now = Stopwatch.GetTimestamp();
            var hung = running.Where(r => Stopwatch.GetElapsedTime(r.Value, now) > CaseBudget).Select(r => r.Key).ToArray();
            Assert.True(hung.Length == 0, $"case {hung.FirstOrDefault()} ({Seeds[hung.FirstOrDefault() % Seeds.Length]}) ran longer than {CaseBudget.TotalSeconds} s: a hang.");
        }
        await work;

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Cases} cases threw a non-DICOM exception or allocated past the budget:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(worstAllocation > 0, "Allocation was not measured.");
        Assert.True(outcomes[0] > Cases / 20 && outcomes[1] > Cases / 20, $"The mutations should both pass and fail: {outcomes[0]} read, {outcomes[1]} rejected.");
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                var flips = random.Next(1, 5);
                for (var k = 0; k < flips; k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return (bytes, $"{flips} bit flips");
            case 1:
                var at = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 9), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, count));
                return (bytes, $"{count} random bytes at {at}");
            case 2:
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length}");
            case 3:
                return CorruptLength(bytes, random);
            default:
                var from = random.Next(bytes.Length);
                var cut = Math.Min(random.Next(1, 16), bytes.Length - from);
                return ([.. bytes[..from], .. bytes[(from + cut)..]], $"{cut} bytes removed at {from}");
        }
    }

    /// <summary>Overwrites a 16- or 32-bit field that sits where an element length would be, with a hostile value.</summary>
    private static (byte[], string) CorruptLength(byte[] bytes, Random random)
    {
        uint[] hostile = [0xFFFFFFFF, 0xFFFFFFF0, 0x7FFFFFFF, 0x80000000, 0, 1, 3, (uint)bytes.Length, (uint)random.Next()];
        var value = hostile[random.Next(hostile.Length)];
        var at = random.Next(0, Math.Max(1, bytes.Length - 4)) & ~1;
        if (random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
            return (bytes, $"32-bit 0x{value:X8} at {at}");
        }
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)value);
        return (bytes, $"16-bit 0x{(ushort)value:X4} at {at}");
    }
}
