using System.Net;

namespace Ich.InferenceService.Tests;

/// <summary>A body that sends its first kilobyte, then waits to be released: the request is admitted and held open.</summary>
internal sealed class HeldContent(byte[] bytes) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, 1024));
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(bytes.AsMemory(1024));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
