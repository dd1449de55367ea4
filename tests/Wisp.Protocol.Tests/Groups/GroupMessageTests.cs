
using Wisp.Crypto.Aead;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

public sealed class GroupMessageTests
{
    private const string VectorFile = "group_message.txt";
    private static readonly byte[] s_nonce = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();

    private static GroupKey Key(long generation = 0, byte fill = 0x42) => new(generation, Enumerable.Repeat(fill, 32).ToArray(), 0);

    private static byte[] TomatoSauce()
    {
        var text = GroupVectors.Value(VectorFile, "text");
        for (var i = 0; i < int.Parse(GroupVectors.Value(VectorFile, "doublings"), System.Globalization.CultureInfo.InvariantCulture); i++)
            text += text;
        return System.Text.Encoding.ASCII.GetBytes(text);
    }

    [Fact]
    public void Libsession_message_sizes_and_author()
    {
        using var author = GroupVectors.Key(GroupVectors.Value(VectorFile, "author_seed"));
        var message = TomatoSauce();

        var compressed = GroupMessage.Encrypt(Key(), author, message);
        var uncompressed = GroupMessage.Encrypt(Key(), author, message, compress: false);

        Assert.Equal(int.Parse(GroupVectors.Value(VectorFile, "compressed_size"), System.Globalization.CultureInfo.InvariantCulture), compressed.Length);
        Assert.Equal(int.Parse(GroupVectors.Value(VectorFile, "uncompressed_size"), System.Globalization.CultureInfo.InvariantCulture), uncompressed.Length);
        foreach (var ciphertext in new[] { compressed, uncompressed })
        {
            var result = GroupMessage.Decrypt([Key(1, 0x01), Key()], ciphertext);
            Assert.True(result.Ok, result.Error);
            Assert.Equal(GroupVectors.Value(VectorFile, "author_session_id"), result.Author!.Hex);
            Assert.Equal(message, result.Data);
            Assert.Equal(0, result.Generation);
        }
    }

    [Fact]
    public void A_message_compressed_by_the_reference_zstd_is_read()
    {
        using var author = GroupVectors.Numbered(1);
        var frame = Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Groups", "Vectors", "zstd", "tomato_sauce_level1.txt")).Trim());
        var body = BencodeWriter.Encode(new BencodeDictionary(new Dictionary<string, BencodeValue>
        {
            [""] = new BencodeInteger(1),
            ["a"] = new BencodeString(author.PublicKey.Span.ToArray()),
            ["s"] = new BencodeString(Ed25519.Sign(author, frame)),
            ["z"] = new BencodeString(frame),
        }));
        var ciphertext = new byte[24 + body.Length + 16];
        s_nonce.CopyTo(ciphertext, 0);
        XChaCha20Poly1305.Encrypt(Key().Key, s_nonce, body, default, ciphertext.AsSpan(24));

        var result = GroupMessage.Decrypt([Key()], ciphertext);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(TomatoSauce(), result.Data);
    }

    [Fact]
    public void Envelope_is_nonce_then_the_sealed_bencoded_dict_zero_padded()
    {
        using var author = GroupVectors.Numbered(1);
        var ciphertext = GroupMessage.Encrypt(Key(), author, "hi"u8, s_nonce, compress: true, padding: 256);
        var plain = new byte[ciphertext.Length - 40];

        Assert.Equal(256, ciphertext.Length);
        Assert.Equal(s_nonce, ciphertext[..24]);
        Assert.True(XChaCha20Poly1305.Decrypt(Key().Key, s_nonce, ciphertext.AsSpan(24), default, plain));
        var signature = Ed25519.Sign(author, "hi"u8);
        var expected = "d0:i1e1:a32:"u8.ToArray().Concat(author.PublicKey.Span.ToArray()).Concat("1:d2:hi1:s64:"u8.ToArray()).Concat(signature).Concat("e"u8.ToArray()).ToArray();
        Assert.Equal(expected, plain[..expected.Length]);
        Assert.All(plain[expected.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void No_padding_gives_the_exact_length()
    {
        using var author = GroupVectors.Numbered(1);
        var ciphertext = GroupMessage.Encrypt(Key(), author, "hi"u8, s_nonce, compress: false, padding: 0);

        Assert.Equal(40 + 1 + 5 + 38 + 7 + 70 + 1, ciphertext.Length);
    }

    [Fact]
    public void Tampered_ciphertext_or_a_key_of_another_generation_does_not_decrypt()
    {
        using var author = GroupVectors.Numbered(1);
        var ciphertext = GroupMessage.Encrypt(Key(), author, "secret"u8);
        var tampered = (byte[])ciphertext.Clone();
        tampered[^1] ^= 0b100;

        Assert.Equal("unable to decrypt ciphertext with any current group keys", GroupMessage.Decrypt([Key()], tampered).Error);
        Assert.Equal("unable to decrypt ciphertext with any current group keys", GroupMessage.Decrypt([Key(1, 0x43)], ciphertext).Error);
        Assert.Equal("ciphertext is too small to be encrypted data", GroupMessage.Decrypt([Key()], new byte[39]).Error);
    }

    [Fact]
    public void Too_large_a_plaintext_is_refused()
    {
        using var author = GroupVectors.Numbered(1);
        Assert.Throws<ArgumentException>(() => GroupMessage.Encrypt(Key(), author, new byte[GroupKeyLimits.MaxPlaintextBytes + 1]));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "not-dict", "decrypted data is not a bencoded dict" },
        { "no-version", "group message version tag (\"\") is missing" },
        { "version-2", "group message version tag (2) is not compatible (we support v1)" },
        { "no-author", "missing message author pubkey" },
        { "short-author", "message author pubkey size (31) is invalid" },
        { "empty-d", "uncompressed message data (\"d\") cannot be empty" },
        { "no-signature", "message signature is missing" },
        { "short-signature", "message signature size (63) is invalid" },
        { "d-and-z", "message signature cannot contain both compressed (z) and uncompressed (d) data" },
        { "no-data", "message must contain compressed (z) or uncompressed (d) data" },
        { "forged", "message signature failed validation" },
        { "bomb", "message decompression failed" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Malformed_bodies_are_refused_with_libsession_text(string defect, string error)
    {
        using var author = GroupVectors.Numbered(1);
        using var forger = GroupVectors.Numbered(2);
        var data = "hello"u8.ToArray();
        var bomb = GroupZstd.Compress(new byte[GroupKeyLimits.MaxPlaintextBytes + 1]);
        var entries = new Dictionary<string, BencodeValue>
        {
            [""] = new BencodeInteger(defect == "version-2" ? 2 : 1),
            ["a"] = new BencodeString(author.PublicKey.Span[..(defect == "short-author" ? 31 : 32)].ToArray()),
            ["d"] = new BencodeString(defect == "empty-d" ? [] : data),
            ["s"] = new BencodeString(Ed25519.Sign(defect == "forged" ? forger : author, defect == "bomb" ? bomb : data)[..(defect == "short-signature" ? 63 : 64)]),
        };
        switch (defect)
        {
            case "no-version": entries.Remove(""); break;
            case "no-author": entries.Remove("a"); break;
            case "no-signature": entries.Remove("s"); break;
            case "d-and-z": entries["z"] = new BencodeString(data); break;
            case "no-data": entries.Remove("d"); break;
            case "bomb":
                entries.Remove("d");
                entries["z"] = new BencodeString(bomb);
                break;
        }
        var body = defect == "not-dict" ? "l1:xe"u8.ToArray() : BencodeWriter.Encode(new BencodeDictionary(entries));
        var ciphertext = new byte[24 + body.Length + 16];
        s_nonce.CopyTo(ciphertext, 0);
        XChaCha20Poly1305.Encrypt(Key().Key, s_nonce, body, default, ciphertext.AsSpan(24));

        Assert.Equal(error, GroupMessage.Decrypt([Key()], ciphertext).Error);
    }
}
