using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests.Hashing;

public class Blake2bTests
{
    private static readonly System.Text.Json.JsonElement Vectors = PublishedVectors.Load("libsession-util/hash.json");
    private static byte[] Message => Encoding.ASCII.GetBytes(Vectors.Text("message"));
    private static byte[] Key => Encoding.ASCII.GetBytes(Vectors.Text("key"));

    [Fact]
    public void EmptyInputMatchesReference()
    {
        // RFC 7693 / libsodium: BLAKE2b-256 of the empty string.
        Assert.Equal("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
            Convert.ToHexStringLower(Blake2b.Hash([], 32)));
    }

    [Theory]
    [InlineData(32, false, "blake2b32")]
    [InlineData(32, true, "blake2b32_keyed")]
    [InlineData(64, false, "blake2b64")]
    [InlineData(64, true, "blake2b64_keyed")]
    public void TestMessageMatchesLibsession(int length, bool keyed, string field)
    {
        var digest = Blake2b.Hash(Message, length, keyed ? Key : default);
        Assert.Equal(Vectors.Text(field), Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void IncrementalHashEqualsOneShot()
    {
        var hasher = Blake2b.CreateIncremental(32, Key);
        hasher.Update(Message.AsSpan(0, 4));
        hasher.Update(Message.AsSpan(4));
        Assert.Equal(Vectors.Text("blake2b32_keyed"), Convert.ToHexStringLower(hasher.Finish()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void OutputLengthOutsideRangeIsRejected(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Blake2b.Hash(Message, length));
        Assert.Equal("output", error.ParamName);
    }

    [Fact]
    public void KeyLongerThan64BytesIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Blake2b.Hash(Message, 32, new byte[65]));
        Assert.Equal("key", error.ParamName);
    }
}
