using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs;

/// <summary>
/// A native codec library loaded lazily, on the first frame that needs it, so that machines without it can still
/// read every other transfer syntax. A missing library becomes a <see cref="CodecUnavailableException"/> naming
/// the Debian package to install.
/// </summary>
internal sealed class NativeCodecLibrary
{
    private readonly string[] _candidateNames;
    private readonly Lazy<nint> _handle;

    /// <summary>Describes a library by the file names to try, in order, and the Debian package that ships it.</summary>
    public NativeCodecLibrary(string debianPackage, params string[] candidateNames)
    {
        DebianPackage = debianPackage;
        _candidateNames = candidateNames;
        _handle = new Lazy<nint>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The Debian package that provides the library.</summary>
    public string DebianPackage { get; }

    /// <summary>The preferred library file name, for messages.</summary>
    public string LibraryName => _candidateNames[0];

    /// <summary>The library's handle; throws <see cref="CodecUnavailableException"/> when it cannot be loaded.</summary>
    public nint GetHandle(TransferSyntax transferSyntax)
    {
        nint handle = _handle.Value;
        return handle != 0 ? handle : throw new CodecUnavailableException(transferSyntax, LibraryName, DebianPackage);
    }

    /// <summary>The address of an exported function; a missing export means an incompatible library version.</summary>
    public nint GetExport(TransferSyntax transferSyntax, string name)
    {
        nint handle = GetHandle(transferSyntax);
        return NativeLibrary.TryGetExport(handle, name, out nint address)
            ? address
            : throw new PixelDecodingException(transferSyntax, $"the native library {LibraryName} has no function {name} (an incompatible version is installed).");
    }

    private nint Load()
    {
        foreach (string name in _candidateNames)
        {
            if (NativeLibrary.TryLoad(name, out nint handle))
            {
                return handle;
            }
        }

        return 0;
    }
}
