using CsCheck;
using Wisp.Crypto.Aead;

namespace Wisp.Crypto.Tests.Aead;

public class XChaCha20Poly1305Tests
{
    private static readonly System.Text.Json.JsonElement Vector = PublishedVectors.Load("rfc/xchacha20poly1305.json");

    [Fact]
    public void MatchesDraftXChaChaVector()
    {
        var ciphertext = XChaCha20Poly1305.Encrypt(Vector.Hex("key"), Vector.Hex("nonce"), Vector.Hex("message"), Vector.Hex("ad"));
        Assert.Equal(Vector.Text("ciphertext") + Vector.Text("tag"), Convert.ToHexStringLower(ciphertext));

        var plaintext = new byte[ciphertext.Length - XChaCha20Poly1305.TagBytes];
        Assert.True(XChaCha20Poly1305.Decrypt(Vector.Hex("key"), Vector.Hex("nonce"), ciphertext, Vector.Hex("ad"), plaintext));
        Assert.Equal(Vector.Hex("message"), plaintext);
    }

    [Fact]
    public void AnyChangedByteFailsAuthentication()
    {
        var key = Vector.Hex("key");
        var nonce = Vector.Hex("nonce");
        var ad = Vector.Hex("ad");
        var ciphertext = Convert.FromHexString(Vector.Text("ciphertext") + Vector.Text("tag"));
        var plaintext = new byte[ciphertext.Length - XChaCha20Poly1305.TagBytes];
        for (var i = 0; i < ciphertext.Length; i++)
        {
            ciphertext[i] ^= 0x01;
            Assert.False(XChaCha20Poly1305.Decrypt(key, nonce, ciphertext, ad, plaintext), $"byte {i} changed");
            Assert.All(plaintext, b => Assert.Equal(0, b));
            ciphertext[i] ^= 0x01;
        }
        ad[0] ^= 1;
        Assert.False(XChaCha20Poly1305.Decrypt(key, nonce, ciphertext, ad, plaintext));
    }

    [Fact]
    public void CiphertextShorterThanTagIsFalse()
    {
        Assert.False(XChaCha20Poly1305.Decrypt(new byte[32], new byte[24], new byte[15], default, Span<byte>.Empty));
    }

    [Theory]
    [InlineData(31, 24, 10, 26, "key")]
    [InlineData(32, 12, 10, 26, "nonce")]
    [InlineData(32, 24, 10, 25, "ciphertext")]
    public void EncryptLengthErrorsNameTheParameter(int keyLength, int nonceLength, int plaintextLength, int ciphertextLength, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Encrypt(
            new byte[keyLength], new byte[nonceLength], new byte[plaintextLength], default, new byte[ciphertextLength]));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void DecryptWithWrongPlaintextBufferNamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Decrypt(new byte[32], new byte[24], new byte[20], default, new byte[3]));
        Assert.Equal("plaintext", error.ParamName);
    }

    [Fact]
    public void RoundTripsAnyMessage()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[24], Gen.Byte.Array[0, 500], Gen.Byte.Array[0, 40]).Sample((key, nonce, message, ad) =>
        {
            var ciphertext = XChaCha20Poly1305.Encrypt(key, nonce, message, ad);
            var plaintext = new byte[message.Length];
            Assert.True(XChaCha20Poly1305.Decrypt(key, nonce, ciphertext, ad, plaintext));
            Assert.Equal(message, plaintext);
        });
    }
}
