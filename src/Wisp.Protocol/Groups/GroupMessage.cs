using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>The outcome of <see cref="GroupMessage.Decrypt"/>: the author and data, or libsession's error text.</summary>
public sealed record GroupMessageResult(AccountId? Author, Ed25519PublicKey? AuthorEd25519, byte[]? Data, long? Generation, string? Error)
{
    /// <summary>True when a key opened the message and the author's signature verified.</summary>
    public bool Ok => Error is null;

    internal static GroupMessageResult Fail(string error) => new(null, null, null, null, error);
}

/// <summary>
/// The group message envelope of namespace 11, as libsession's <c>encrypt_message</c>/<c>decrypt_message</c>:
/// <c>nonce (24) ‖ XChaCha20-Poly1305(group key, nonce, P)</c>, where P is the bencoded dictionary
/// <c>{"": 1, a: author's Ed25519 key, d: data | z: zstd(data), s: author's Ed25519 signature of d or z}</c> followed
/// by zero bytes so that the whole is a multiple of the padding. Compression is kept only when it makes the data smaller.
/// </summary>
public static class GroupMessage
{
    private const int Overhead = XChaCha20Poly1305.NonceBytes + XChaCha20Poly1305.TagBytes;

    /// <summary>Encrypts with a fresh random nonce.</summary>
    public static byte[] Encrypt(GroupKey key, Ed25519KeyPair author, ReadOnlySpan<byte> plaintext, bool compress = true, int padding = GroupKeyLimits.DefaultPadding) =>
        Encrypt(key, author, plaintext, RandomBytes.Get(XChaCha20Poly1305.NonceBytes), compress, padding);

    /// <summary>Encrypts under the given 24-byte <paramref name="nonce"/> (tests and vectors; otherwise use the random one).</summary>
    public static byte[] Encrypt(GroupKey key, Ed25519KeyPair author, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce, bool compress = true, int padding = GroupKeyLimits.DefaultPadding)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (plaintext.Length > GroupKeyLimits.MaxPlaintextBytes)
            throw new ArgumentException("Cannot encrypt plaintext: message size is too large", nameof(plaintext));
        if (nonce.Length != XChaCha20Poly1305.NonceBytes)
            throw new ArgumentException($"A nonce is {XChaCha20Poly1305.NonceBytes} bytes; got {nonce.Length}.", nameof(nonce));

        var data = plaintext.ToArray();
        if (compress)
        {
            var compressed = GroupZstd.Compress(plaintext);
            if (compressed.Length < data.Length)
                data = compressed;
            else
                compress = false;
        }
        var entries = new Dictionary<string, BencodeValue>
        {
            [""] = new BencodeInteger(1),
            ["a"] = new BencodeString(author.PublicKey.Span.ToArray()),
            [compress ? "z" : "d"] = new BencodeString(data),
            ["s"] = new BencodeString(Ed25519.Sign(author, data)),
        };
        var encoded = BencodeWriter.Encode(new BencodeDictionary(entries));

        var length = Overhead + encoded.Length;
        if (padding > 1 && length % padding != 0)
            length += padding - (length % padding);
        var ciphertext = new byte[length];
        nonce.CopyTo(ciphertext);
        var padded = new byte[length - Overhead];
        encoded.CopyTo(padded, 0);
        XChaCha20Poly1305.Encrypt(key.Key, nonce, padded, default, ciphertext.AsSpan(XChaCha20Poly1305.NonceBytes));
        return ciphertext;
    }

    /// <summary>
    /// Tries each key in order (newest first is cheapest), strips the zero padding, checks the version and the
    /// author's signature and decompresses. Every refusal is a result with libsession's error text, never a throw.
    /// </summary>
    public static GroupMessageResult Decrypt(IEnumerable<GroupKey> keys, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (ciphertext.Length < Overhead)
            return GroupMessageResult.Fail("ciphertext is too small to be encrypted data");
        var nonce = ciphertext[..XChaCha20Poly1305.NonceBytes];
        var sealedPart = ciphertext[XChaCha20Poly1305.NonceBytes..];
        var plain = new byte[sealedPart.Length - XChaCha20Poly1305.TagBytes];
        long? generation = null;
        foreach (var key in keys)
        {
            if (XChaCha20Poly1305.Decrypt(key.Key, nonce, sealedPart, default, plain))
            {
                generation = key.Generation;
                break;
            }
        }
        if (generation is null)
            return GroupMessageResult.Fail("unable to decrypt ciphertext with any current group keys");
        return GroupMessageBody.Read(plain, generation.Value);
    }
}
