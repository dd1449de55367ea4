using CsCheck;
using Wisp.Crypto.Aead;

namespace Wisp.Crypto.Tests.Aead;

public class Aes256GcmTests
{
    public static TheoryData<string, string, string, string, string, string> NistVectors()
    {
        var data = new TheoryData<string, string, string, string, string, string>();
        foreach (var v in PublishedVectors.Load("libsodium/aes256gcm.json").EnumerateArray())
            data.Add(v.Text("key"), v.Text("nonce"), v.Text("message"), v.Text("ad"), v.Text("ciphertext"), v.Text("tag"));
        return data;
    }

    [Theory]
    [MemberData(nameof(NistVectors))]
    public void PublicApiMatchesNistVectors(string key, string nonce, string message, string ad, string ciphertext, string tag)
    {
        var sealedBytes = Aes256Gcm.Encrypt(Convert.FromHexString(key), Convert.FromHexString(nonce), Convert.FromHexString(message), Convert.FromHexString(ad));
        Assert.Equal(ciphertext + tag, Convert.ToHexStringLower(sealedBytes));

        var plaintext = new byte[sealedBytes.Length - Aes256Gcm.TagBytes];
        Assert.True(Aes256Gcm.Decrypt(Convert.FromHexString(key), Convert.FromHexString(nonce), sealedBytes, Convert.FromHexString(ad), plaintext));
        Assert.Equal(message, Convert.ToHexStringLower(plaintext));
    }

    [Theory]
    [MemberData(nameof(NistVectors))]
    public void BouncyCastleFallbackMatchesNistVectors(string key, string nonce, string message, string ad, string ciphertext, string tag)
    {
        var output = new byte[message.Length / 2 + Aes256Gcm.TagBytes];
        BouncyCastleAes256Gcm.Encrypt(Convert.FromHexString(key), Convert.FromHexString(nonce), Convert.FromHexString(message), Convert.FromHexString(ad), output);
        Assert.Equal(ciphertext + tag, Convert.ToHexStringLower(output));

        var plaintext = new byte[message.Length / 2];
        Assert.True(BouncyCastleAes256Gcm.Decrypt(Convert.FromHexString(key), Convert.FromHexString(nonce), output, Convert.FromHexString(ad), plaintext));
        Assert.Equal(message, Convert.ToHexStringLower(plaintext));
    }

    [Fact]
    public void LibsodiumAndBouncyCastleProduceTheSameBytes()
    {
        Assert.SkipUnless(SodiumAes256Gcm.IsAvailable(), "libsodium's AES-256-GCM needs AES-NI and CLMUL, which this CPU lacks.");
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[12], Gen.Byte.Array[0, 300], Gen.Byte.Array[0, 40]).Sample((key, nonce, message, ad) =>
        {
            var fromSodium = new byte[message.Length + Aes256Gcm.TagBytes];
            var fromBouncyCastle = new byte[message.Length + Aes256Gcm.TagBytes];
            SodiumAes256Gcm.Encrypt(key, nonce, message, ad, fromSodium);
            BouncyCastleAes256Gcm.Encrypt(key, nonce, message, ad, fromBouncyCastle);
            Assert.Equal(fromSodium, fromBouncyCastle);

            var plaintext = new byte[message.Length];
            Assert.True(SodiumAes256Gcm.Decrypt(key, nonce, fromBouncyCastle, ad, plaintext));
            Assert.Equal(message, plaintext);
            Assert.True(BouncyCastleAes256Gcm.Decrypt(key, nonce, fromSodium, ad, plaintext));
            Assert.Equal(message, plaintext);
        });
    }

    [Fact]
    public void BothImplementationsRejectAnyChangedByte()
    {
        var key = new byte[32];
        var nonce = new byte[12];
        key[0] = 7;
        var message = "both implementations must reject this"u8.ToArray();
        var ciphertext = Aes256Gcm.Encrypt(key, nonce, message, "ad"u8);
        var plaintext = new byte[message.Length];
        for (var i = 0; i < ciphertext.Length; i++)
        {
            ciphertext[i] ^= 0x80;
            Assert.False(Aes256Gcm.Decrypt(key, nonce, ciphertext, "ad"u8, plaintext), $"byte {i} changed");
            Assert.All(plaintext, b => Assert.Equal(0, b));
            Assert.False(BouncyCastleAes256Gcm.Decrypt(key, nonce, ciphertext, "ad"u8, plaintext), $"byte {i} changed (fallback)");
            ciphertext[i] ^= 0x80;
        }
        Assert.False(Aes256Gcm.Decrypt(key, nonce, ciphertext, "AD"u8, plaintext));
        Assert.False(BouncyCastleAes256Gcm.Decrypt(key, nonce, ciphertext, "AD"u8, plaintext));
    }

    [Theory]
    [InlineData(16, 12, 10, 26, "key")]
    [InlineData(32, 24, 10, 26, "nonce")]
    [InlineData(32, 12, 10, 10, "ciphertext")]
    public void EncryptLengthErrorsNameTheParameter(int keyLength, int nonceLength, int plaintextLength, int ciphertextLength, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => Aes256Gcm.Encrypt(
            new byte[keyLength], new byte[nonceLength], new byte[plaintextLength], default, new byte[ciphertextLength]));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void DecryptShortCiphertextIsFalseAndWrongBufferIsNamed()
    {
        Assert.False(Aes256Gcm.Decrypt(new byte[32], new byte[12], new byte[15], default, Span<byte>.Empty));
        var error = Assert.Throws<ArgumentException>(() => Aes256Gcm.Decrypt(new byte[32], new byte[12], new byte[20], default, new byte[5]));
        Assert.Equal("plaintext", error.ParamName);
    }
}
