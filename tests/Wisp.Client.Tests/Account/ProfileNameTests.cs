using Wisp.Client.Account;

namespace Wisp.Client.Tests.Account;

public class ProfileNameTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("a")]
    [InlineData("work_2-test")]
    [InlineData("0123456789abcdef0123456789abcdef")] // 32 characters
    public void AcceptsLowercaseLettersDigitsUnderscoresAndHyphens(string text)
    {
        Assert.True(ProfileName.TryParse(text, out var name, out var error), error);
        Assert.Equal(text, name.Value);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("0123456789abcdef0123456789abcdef0", "at most 32")]
    [InlineData("Alice", "'A'")]
    [InlineData("../etc", "'.'")]
    [InlineData("a/b", "'/'")]
    [InlineData("a b", "' '")]
    [InlineData(".hidden", "'.'")]
    [InlineData("café", "'é'")]
    public void RejectsAnythingElseNamingTheProblem(string? text, string expected)
    {
        Assert.False(ProfileName.TryParse(text, out var name, out var error));
        Assert.Null(name);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ParseThrowsWithTheSameMessage()
    {
        var exception = Assert.Throws<ArgumentException>(() => ProfileName.Parse("UPPER"));
        Assert.Contains("'U'", exception.Message);
    }

    [Fact]
    public void TheDefaultIsCalledDefault() => Assert.Equal("default", ProfileName.Default.Value);
}
