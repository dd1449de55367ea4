using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Groups;

/// <summary>
/// libsession-util's config encryption (<c>session::config::encrypt</c>). XChaCha20-Poly1305 with a deterministic nonce,
/// so every admin encrypting the same config produces the same bytes (the storage server then deduplicates them):
/// key = BLAKE2b-32(keyBase ‖ u64 big-endian plaintext length ‖ domain);
/// nonce = BLAKE2b-24 of the plaintext keyed with "libsessionutil-config-encrypted-" + domain;
/// output = ciphertext ‖ 16-byte tag ‖ 24-byte nonce.
/// </summary>
public static class ConfigEncryption
{
    /// <summary>Bytes encryption adds: tag and nonce.</summary>
    public const int Overhead = XChaCha20Poly1305.TagBytes + XChaCha20Poly1305.NonceBytes;

    /// <summary>Key length in bytes.</summary>
    public const int KeyBytes = 32;

    private const int MaxDomainBytes = 24;
    private const string NonceKeyPrefix = "libsessionutil-config-encrypted-";

    /// <summary>The domain libsession uses for a group config kind.</summary>
    public static string Domain(GroupConfigKind kind) => kind switch
    {
        GroupConfigKind.Info => "groups::Info",
        GroupConfigKind.Members => "groups::Members",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a group config kind."),
    };

    /// <summary>Encrypts <paramref name="plaintext"/> under <paramref name="keyBase"/> (32 bytes) and a 1–24 byte domain.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> keyBase, string domain)
    {
        var domainBytes = CheckDomain(domain);
        Span<byte> key = stackalloc byte[XChaCha20Poly1305.KeyBytes];
        DeriveKey(keyBase, plaintext.Length, domainBytes, key);

        var output = new byte[plaintext.Length + Overhead];
        var nonce = output.AsSpan(plaintext.Length + XChaCha20Poly1305.TagBytes);
        Blake2b.Hash(plaintext, nonce, NonceKey(domainBytes));
        XChaCha20Poly1305.Encrypt(key, nonce, plaintext, default, output.AsSpan(0, plaintext.Length + XChaCha20Poly1305.TagBytes));
        key.Clear();
        return output;
    }

    /// <summary>Decrypts what <see cref="Encrypt"/> produced. False when too short or when authentication fails.</summary>
    public static bool TryDecrypt(
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> keyBase, string domain, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        var domainBytes = CheckDomain(domain);
        if (keyBase.Length != KeyBytes)
            throw new ArgumentException($"A config key is {KeyBytes} bytes; got {keyBase.Length}.", nameof(keyBase));
        if (ciphertext.Length < Overhead)
            return false;

        var length = ciphertext.Length - Overhead;
        Span<byte> key = stackalloc byte[XChaCha20Poly1305.KeyBytes];
        DeriveKey(keyBase, length, domainBytes, key);
        var output = new byte[length];
        var ok = XChaCha20Poly1305.Decrypt(
            key, ciphertext[(length + XChaCha20Poly1305.TagBytes)..], ciphertext[..(length + XChaCha20Poly1305.TagBytes)], default, output);
        key.Clear();
        if (ok)
            plaintext = output;
        return ok;
    }

    /// <summary>
    /// The size libsession pads a message of <paramref name="size"/> bytes to, so that it plus <paramref name="overhead"/>
    /// is a multiple of 256 (below 5,120), 1,024 (below 20,480), 2,048 (below 40,960) or else 5,120 bytes.
    /// </summary>
    public static int PaddedSize(int size, int overhead = Overhead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var total = size + overhead;
        var chunk = total < 5120 ? 256 : total < 20480 ? 1024 : total < 40960 ? 2048 : 5120;
        return ((total + chunk - 1) / chunk * chunk) - overhead;
    }

    private static byte[] CheckDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var bytes = Encoding.UTF8.GetBytes(domain);
        if (bytes.Length is < 1 or > MaxDomainBytes)
            throw new ArgumentException($"A config encryption domain is 1–{MaxDomainBytes} bytes; got {bytes.Length}.", nameof(domain));
        return bytes;
    }

    private static byte[] NonceKey(byte[] domain) => [.. Encoding.ASCII.GetBytes(NonceKeyPrefix), .. domain];

    // The key mixes in the length and domain so that a nonce collision (the nonce is a hash of the plaintext) would
    // also need equal lengths and domains to matter — libsession's reasoning, kept so the bytes match.
    private static void DeriveKey(ReadOnlySpan<byte> keyBase, int length, byte[] domain, Span<byte> key)
    {
        if (keyBase.Length != KeyBytes)
            throw new ArgumentException($"A config key is {KeyBytes} bytes; got {keyBase.Length}.", nameof(keyBase));
        var hasher = Blake2b.CreateIncremental(key.Length);
        hasher.Update(keyBase);
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(size, (ulong)length);
        hasher.Update(size);
        hasher.Update(domain);
        hasher.Finish(key);
    }
}
