using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Keys;

/// <summary>libsodium's Ed25519 → X25519 conversions, checked against libsession's test_curve25519 vectors.</summary>
public class KeyConversionTests
{
    private static readonly System.Text.Json.JsonElement Vectors = PublishedVectors.Load("libsession-util/curve25519.json");

    [Fact]
    public void PublicKeysConvertAsInLibsession()
    {
        foreach (var pair in Vectors.GetProperty("public_keys").EnumerateArray())
        {
            var converted = Ed25519PublicKey.FromHex(pair.Text("ed25519")).ToX25519();
            Assert.NotNull(converted);
            Assert.Equal(pair.Text("x25519"), converted.ToHex());
        }
    }

    [Fact]
    public void SecretKeysConvertAsInLibsession()
    {
        foreach (var pair in Vectors.GetProperty("secret_keys").EnumerateArray())
        {
            using var keys = Ed25519KeyPair.FromSeed(pair.Hex("ed25519_seed"));
            Assert.Equal(pair.Text("x25519"), Convert.ToHexStringLower(keys.X25519SecretKey));
            using var twin = X25519KeyPair.FromEd25519(keys);
            Assert.Equal(keys.X25519PublicKey, twin.PublicKey);
        }
    }

    [Fact]
    public void SmallOrderEd25519KeyHasNoX25519Form()
    {
        var identity = new byte[32];
        identity[0] = 1;
        Assert.Null(new Ed25519PublicKey(identity).ToX25519());
    }
}
