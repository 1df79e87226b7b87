namespace Ich.Dicom.Pixels.Codecs;

/// <summary>
/// The native library a codec needs (Debian's libcharls or libopenjp2) cannot be loaded on this machine.
/// The message names the transfer syntax and the Debian package to install.
/// </summary>
public sealed class CodecUnavailableException : PixelDecodingException
{
    /// <summary>Creates the exception for a missing native library.</summary>
    /// <param name="transferSyntax">The transfer syntax that needs the library.</param>
    /// <param name="libraryName">The shared library that was looked for, e.g. <c>libcharls.so.2</c>.</param>
    /// <param name="debianPackage">The Debian package that provides it, e.g. <c>libcharls2</c>.</param>
    public CodecUnavailableException(TransferSyntax transferSyntax, string libraryName, string debianPackage)
        : base(transferSyntax, $"the native library {libraryName} is not installed (on Debian/Ubuntu: apt-get install {debianPackage}).")
    {
        LibraryName = libraryName;
        DebianPackage = debianPackage;
    }

    /// <summary>The shared library that could not be loaded.</summary>
    public string LibraryName { get; }

    /// <summary>The Debian package that provides <see cref="LibraryName"/>.</summary>
    public string DebianPackage { get; }
}
