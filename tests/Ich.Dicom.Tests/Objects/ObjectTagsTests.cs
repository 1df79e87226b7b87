using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

public sealed class ObjectTagsTests
{
    public static TheoryData<string> Keywords() => new(ObjectTags.ByKeyword.Keys);

    [Theory]
    [MemberData(nameof(Keywords))]
    public void ObjectTag_Keyword_MatchesTheDataDictionary(string keyword)
    {
        Assert.True(DicomDictionary.TryGetTag(keyword, out var tag), $"{keyword} is not in the data dictionary.");
        Assert.Equal(tag, ObjectTags.ByKeyword[keyword]);
    }
}
