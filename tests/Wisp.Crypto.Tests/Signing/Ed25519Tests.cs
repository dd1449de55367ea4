using System.Text;
using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Crypto.Tests.Signing;

public class Ed25519Tests
{
    private static readonly System.Text.Json.JsonElement Vectors = PublishedVectors.Load("libsession-util/ed25519.json");

    [Fact]
    public void SeedsGiveLibsessionPublicKeys()
    {
        foreach (var pair in Vectors.GetProperty("keys").EnumerateArray())
        {
            using var keys = Ed25519KeyPair.FromSeed(pair.Hex("seed"));
            Assert.Equal(pair.Text("public_key"), keys.PublicKey.ToHex());
        }
    }

    [Fact]
    public void SignatureMatchesLibsessionAndVerifies()
    {
        var vector = Vectors.GetProperty("signature");
        using var keys = Ed25519KeyPair.FromSeed(vector.Hex("seed"));
        var message = Encoding.ASCII.GetBytes(vector.Text("message"));

        var signature = Ed25519.Sign(keys, message);

        Assert.Equal(vector.Text("signature"), Convert.ToHexStringLower(signature));
        Assert.True(Ed25519.Verify(keys.PublicKey, message, signature));
        Assert.True(Ed25519.Verify(keys.PublicKey.Span, message, signature));
    }

    [Fact]
    public void VerifyIsFalseForAnythingAltered()
    {
        using var keys = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();
        var message = "a message"u8.ToArray();
        var signature = Ed25519.Sign(keys, message);

        var alteredMessage = (byte[])message.Clone();
        alteredMessage[0] ^= 1;
        var alteredSignature = (byte[])signature.Clone();
        alteredSignature[40] ^= 1;

        Assert.False(Ed25519.Verify(keys.PublicKey, alteredMessage, signature));
        Assert.False(Ed25519.Verify(keys.PublicKey, message, alteredSignature));
        Assert.False(Ed25519.Verify(other.PublicKey, message, signature));
    }

    [Fact]
    public void VerifyIsFalseForBadLengthsAndBadKeys()
    {
        using var keys = Ed25519KeyPair.Generate();
        var message = "a message"u8.ToArray();
        var signature = Ed25519.Sign(keys, message);

        Assert.False(Ed25519.Verify(keys.PublicKey.Span[..31], message, signature));
        Assert.False(Ed25519.Verify(keys.PublicKey.Span, message, signature.AsSpan(0, 63)));
        Assert.False(Ed25519.Verify(keys.PublicKey.Span, message, [.. signature, 0]));
        Assert.False(Ed25519.Verify(new byte[32], message, signature));
    }

    [Fact]
    public void SignRejectsWrongSignatureBuffer()
    {
        using var keys = Ed25519KeyPair.Generate();
        var error = Assert.Throws<ArgumentException>(() => Ed25519.Sign(keys, "m"u8, new byte[63]));
        Assert.Equal("signature", error.ParamName);
    }

    [Fact]
    public void SignedMessagesOfAnyLengthVerify()
    {
        using var keys = Ed25519KeyPair.Generate();
        Gen.Byte.Array[0, 1000].Sample(message =>
            Assert.True(Ed25519.Verify(keys.PublicKey, message, Ed25519.Sign(keys, message))));
    }
}
