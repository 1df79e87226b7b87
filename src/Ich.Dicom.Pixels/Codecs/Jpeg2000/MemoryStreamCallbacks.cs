using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>
/// Feeds OpenJPEG from a pinned managed buffer (opj_stream read/skip/seek callbacks), so frames are decoded
/// without temporary files. The state lives on the caller's stack while the buffer is pinned.
/// </summary>
internal static unsafe class MemoryStreamCallbacks
{
    /// <summary>The buffer and read position one stream reads from.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct State
    {
        /// <summary>Start of the pinned data.</summary>
        public byte* Data;

        /// <summary>Length of the data.</summary>
        public long Length;

        /// <summary>Next byte to read.</summary>
        public long Position;
    }

    /// <summary>The read callback's address.</summary>
    public static nint Read => (nint)(delegate* unmanaged[Cdecl]<void*, nuint, State*, nuint>)&ReadCallback;

    /// <summary>The skip callback's address.</summary>
    public static nint Skip => (nint)(delegate* unmanaged[Cdecl]<long, State*, long>)&SkipCallback;

    /// <summary>The seek callback's address.</summary>
    public static nint Seek => (nint)(delegate* unmanaged[Cdecl]<long, State*, int>)&SeekCallback;

    /// <summary>The error handler's address; it keeps the last message for the exception text.</summary>
    public static nint Error => (nint)(delegate* unmanaged[Cdecl]<byte*, void*, void>)&ErrorCallback;

    /// <summary>The last error OpenJPEG reported on this thread.</summary>
    [field: ThreadStatic]
    public static string? LastError { get; set; }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint ReadCallback(void* buffer, nuint count, State* state)
    {
        long left = state->Length - state->Position;
        if (left <= 0)
        {
            return unchecked((nuint)(-1)); // OpenJPEG's end-of-stream signal
        }

        long n = Math.Min(left, (long)count);
        Buffer.MemoryCopy(state->Data + state->Position, buffer, (long)count, n);
        state->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long SkipCallback(long count, State* state)
    {
        long target = Math.Clamp(state->Position + count, 0, state->Length);
        long skipped = target - state->Position;
        state->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SeekCallback(long offset, State* state)
    {
        if (offset < 0 || offset > state->Length)
        {
            return 0;
        }

        state->Position = offset;
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ErrorCallback(byte* message, void* clientData)
    {
        LastError = Marshal.PtrToStringUTF8((nint)message)?.Trim();
    }
}
