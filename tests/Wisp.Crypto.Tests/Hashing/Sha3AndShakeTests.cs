using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests.Hashing;

public class Sha3AndShakeTests
{
    // FIPS 202 / NIST CSRC example values.
    [Theory]
    [InlineData("", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [InlineData("abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    public void Sha3256MatchesNistExamples(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha3256.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Sha3256Of1600BitsOfA3MatchesNistAndIncrementalAgrees()
    {
        var message = Enumerable.Repeat((byte)0xA3, 200).ToArray();
        var hasher = Sha3256.CreateIncremental();
        hasher.Update(message.AsSpan(0, 7));
        hasher.Update(message.AsSpan(7));

        Assert.Equal("79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787", Convert.ToHexStringLower(Sha3256.Hash(message)));
        Assert.Equal(Sha3256.Hash(message), hasher.Finish());
    }

    [Theory]
    [InlineData("", 32, "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f")]
    [InlineData("abc", 64, "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4")]
    public void Shake256MatchesNistExamples(string message, int length, string output)
    {
        Assert.Equal(output, Convert.ToHexStringLower(Shake256Hash.Hash(Encoding.ASCII.GetBytes(message), length)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(135, 136)]
    [InlineData(136, 137)]
    [InlineData(137, 300)]
    [InlineData(1000, 1000)]
    public void Shake256AgreesWithBouncyCastleAtAnyLength(int inputLength, int outputLength)
    {
        var input = Enumerable.Range(0, inputLength).Select(i => (byte)(i * 7)).ToArray();
        var digest = new ShakeDigest(256);
        digest.BlockUpdate(input, 0, input.Length);
        var expected = new byte[outputLength];
        digest.OutputFinal(expected, 0, outputLength);

        Assert.Equal(expected, Shake256Hash.Hash(input, outputLength));
    }

    [Fact]
    public void SuccessiveSqueezesContinueOneStream()
    {
        var whole = Shake256Hash.Hash("SessionV2MessageSS"u8, 56);
        using var xof = Shake256Hash.Create();
        xof.Update("Session"u8);
        xof.Update("V2MessageSS"u8);
        var key = new byte[32];
        var nonce = new byte[24];
        xof.Squeeze(key);
        xof.Squeeze(nonce);

        Assert.Equal(whole, key.Concat(nonce).ToArray());
        Assert.Throws<InvalidOperationException>(() => xof.Update("late"u8));
    }
}
