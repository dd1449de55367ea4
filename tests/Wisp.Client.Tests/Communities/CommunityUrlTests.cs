using Wisp.Client.Communities;

namespace Wisp.Client.Tests.Communities;

public sealed class CommunityUrlTests
{
    private const string Key = "a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238";

    [Fact]
    public void Sessions_join_url_gives_the_server_the_room_and_the_key()
    {
        Assert.True(CommunityUrl.TryParse($"http://127.0.0.1:8420/lobby?public_key={Key}", out var url, out var error), error);
        Assert.Equal("http://127.0.0.1:8420", url.Base);
        Assert.Equal("lobby", url.Room);
        Assert.Equal(Key, url.ServerKey.ToHex());
        Assert.Equal($"http://127.0.0.1:8420/lobby?public_key={Key}", url.ToString());
    }

    [Fact]
    public void The_default_port_and_an_upper_case_key_are_accepted()
    {
        Assert.True(CommunityUrl.TryParse($"https://Open.Example.org/session-help?public_key={Key.ToUpperInvariant()}", out var url, out var error), error);
        Assert.Equal("https://open.example.org:443", url.Base);
        Assert.Equal(Key, url.ServerKey.ToHex());
    }

    [Theory]
    [InlineData("", "the community URL is empty")]
    [InlineData("open.example.org/lobby?public_key=" + Key, "is not an http:// or https:// URL")]
    [InlineData("ftp://example.org/lobby?public_key=" + Key, "is not an http:// or https:// URL")]
    [InlineData("http://example.org/?public_key=" + Key, "names no room")]
    [InlineData("http://example.org/a/b?public_key=" + Key, "is not one room token")]
    [InlineData("http://example.org/lob%20by?public_key=" + Key, "is not a room token")]
    [InlineData("http://example.org/lobby", "has no ?public_key=HEX")]
    [InlineData("http://example.org/lobby?public_key=abc", "must be 64 hex characters; got 3")]
    [InlineData("http://example.org/lobby?public_key=zz3c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238", "must be 64 hex characters")]
    [InlineData("http://user@example.org/lobby?public_key=" + Key, "may not carry a user name")]
    public void A_malformed_url_is_refused_with_what_is_wrong(string text, string expected)
    {
        Assert.False(CommunityUrl.TryParse(text, out var url, out var error));
        Assert.Null(url);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
