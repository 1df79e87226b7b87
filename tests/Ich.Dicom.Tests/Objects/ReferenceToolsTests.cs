namespace Ich.Dicom.Tests.Objects;

public sealed class ReferenceToolsTests
{
    [Fact]
    public void Run_MissingTool_FailsWithAMessageSayingHowToInstallIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReferenceTools.Run("ich-no-such-tool", "dicom3tools", "--help"));

        Assert.Contains("./build.sh deps", error.Message, StringComparison.Ordinal);
        Assert.Contains("dicom3tools", error.Message, StringComparison.Ordinal);
    }
}
