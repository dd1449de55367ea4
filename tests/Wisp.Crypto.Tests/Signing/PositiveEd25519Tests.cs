using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Crypto.Tests.Signing;

public class PositiveEd25519Tests
{
    private static readonly JsonElement Vectors = PublishedVectors.Load("libsession-util/xed25519.json");
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("hello world");

    [Fact]
    public void PublicKeyFromX25519IsLibsessionsPositiveKey()
    {
        foreach (var key in Vectors.GetProperty("keys").EnumerateArray())
        {
            using var pair = Ed25519KeyPair.FromSeed(key.Hex("seed"));
            Assert.Equal(key.Text("ed25519"), pair.PublicKey.ToHex());
            Assert.Equal(key.Text("x25519"), pair.X25519PublicKey.ToHex());
            Assert.Equal(key.Text("positive_ed25519"), PositiveEd25519.PublicKeyOf(pair.X25519PublicKey).ToHex());
        }
    }

    [Fact]
    public void NegativeKeySignsForThePositiveKeyOnly()
    {
        var vector = Vectors.GetProperty("keys")[1];
        using var pair = Ed25519KeyPair.FromSeed(vector.Hex("seed"));
        Assert.NotEqual(0, pair.PublicKey.Span[^1] & 0x80);

        var signature = PositiveEd25519.Sign(pair, Message);

        Assert.True(Ed25519.Verify(Convert.FromHexString(vector.Text("positive_ed25519")), Message, signature));
        Assert.False(Ed25519.Verify(pair.PublicKey, Message, signature));
        Assert.True(PositiveEd25519.Verify(pair.AccountId, Message, signature));
        Assert.False(PositiveEd25519.Verify(pair.AccountId, Encoding.ASCII.GetBytes("hello worle"), signature));
        Assert.Equal(signature, PositiveEd25519.Sign(pair, Message));
    }

    [Fact]
    public void PositiveKeySignsExactlyAsEd25519()
    {
        using var pair = Ed25519KeyPair.FromSeed(Vectors.GetProperty("keys")[0].Hex("seed"));
        Assert.Equal(0, pair.PublicKey.Span[^1] & 0x80);

        Assert.Equal(Ed25519.Sign(pair, Message), PositiveEd25519.Sign(pair, Message));
    }

    [Fact]
    public void AnyAccountVerifiesFromItsIdAloneAndNoOtherDoes()
    {
        for (var i = 0; i < 8; i++)
        {
            using var pair = Ed25519KeyPair.Generate();
            using var other = Ed25519KeyPair.Generate();
            var signature = PositiveEd25519.Sign(pair, Message);
            Assert.True(PositiveEd25519.Verify(pair.X25519PublicKey, Message, signature));
            Assert.False(PositiveEd25519.Verify(other.X25519PublicKey, Message, signature));
        }
    }
}
