using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Onion;

/// <summary>
/// The symmetric key of one onion hop, which encrypts the request layer and the reply. The client derives it from
/// its ephemeral secret a and the node's key B; the node from its secret b and the ephemeral key A; both get the
/// same key:
/// <list type="bullet">
/// <item><c>xchacha20</c>: BLAKE2b-32(X25519 ‖ A ‖ B); ciphertext = nonce(24) ‖ encrypted ‖ tag(16).</item>
/// <item><c>aes-gcm</c>: HMAC-SHA-256(key "LOKI", X25519); ciphertext = nonce(12) ‖ encrypted ‖ tag(16).</item>
/// </list>
/// Zeroed by <see cref="Dispose"/>; never printable.
/// </summary>
public sealed class HopKey : IDisposable
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyBytes = 32;

    private static readonly byte[] AesGcmSalt = Encoding.ASCII.GetBytes("LOKI");

    private readonly byte[] _key = GC.AllocateArray<byte>(KeyBytes, pinned: true);
    private bool _disposed;

    private HopKey(OnionEncryptionType type) => EncryptionType = type;

    /// <summary>The AEAD this key is for.</summary>
    public OnionEncryptionType EncryptionType { get; }

    /// <summary>Bytes a ciphertext adds to its plaintext with <paramref name="type"/>.</summary>
    public static int Overhead(OnionEncryptionType type) => type switch
    {
        OnionEncryptionType.XChaCha20 => XChaCha20Poly1305.NonceBytes + XChaCha20Poly1305.TagBytes,
        OnionEncryptionType.AesGcm => Aes256Gcm.NonceBytes + Aes256Gcm.TagBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an onion encryption type."),
    };

    /// <summary>
    /// The client's key for a hop: its ephemeral key pair for this layer and the node's X25519 key. False when the
    /// node key is a low-order point (no secret can be agreed with it).
    /// </summary>
    public static bool TryForClient(
        X25519KeyPair ephemeral, X25519PublicKey node, OnionEncryptionType type, [NotNullWhen(true)] out HopKey? key)
    {
        ArgumentNullException.ThrowIfNull(ephemeral);
        if (!X25519.TryAgree(ephemeral, node, out var shared))
        {
            key = null;
            return false;
        }
        using (shared)
        {
            key = Derive(shared, type, client: ephemeral.PublicKey, node: node);
            return true;
        }
    }

    /// <summary>
    /// The node's key for a hop, from its X25519 key pair and the layer's ephemeral key. False when the ephemeral
    /// key is a low-order point, which only a misbehaving client sends.
    /// </summary>
    public static bool TryForNode(
        X25519KeyPair node, X25519PublicKey ephemeral, OnionEncryptionType type, [NotNullWhen(true)] out HopKey? key)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!X25519.TryAgree(node, ephemeral, out var shared))
        {
            key = null;
            return false;
        }
        using (shared)
        {
            key = Derive(shared, type, client: ephemeral, node: node.PublicKey);
            return true;
        }
    }

    /// <summary>The node's key for a hop when the node's onion key is the X25519 twin of its Ed25519 identity.</summary>
    public static bool TryForNode(
        Ed25519KeyPair node, X25519PublicKey ephemeral, OnionEncryptionType type, [NotNullWhen(true)] out HopKey? key)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!X25519.TryAgree(node, ephemeral, out var shared))
        {
            key = null;
            return false;
        }
        using (shared)
        {
            key = Derive(shared, type, client: ephemeral, node: node.X25519PublicKey);
            return true;
        }
    }

    private static HopKey Derive(SharedSecret shared, OnionEncryptionType type, X25519PublicKey client, X25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(node);
        var key = new HopKey(type);
        switch (type)
        {
            case OnionEncryptionType.XChaCha20:
                var hasher = Blake2b.CreateIncremental(KeyBytes);
                hasher.Update(shared.Span);
                hasher.Update(client.Span);
                hasher.Update(node.Span);
                hasher.Finish(key._key);
                break;
            case OnionEncryptionType.AesGcm:
                HmacSha256.Compute(AesGcmSalt, shared.Span, key._key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Not an onion encryption type.");
        }
        return key;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> with a fresh random nonce, laid out as this type's wire format.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var key = Alive();
        var output = new byte[checked(plaintext.Length + Overhead(EncryptionType))];
        if (EncryptionType == OnionEncryptionType.XChaCha20)
        {
            var nonce = output.AsSpan(0, XChaCha20Poly1305.NonceBytes);
            RandomBytes.Fill(nonce);
            XChaCha20Poly1305.Encrypt(key, nonce, plaintext, default, output.AsSpan(XChaCha20Poly1305.NonceBytes));
        }
        else
        {
            var nonce = output.AsSpan(0, Aes256Gcm.NonceBytes);
            RandomBytes.Fill(nonce);
            Aes256Gcm.Encrypt(key, nonce, plaintext, default, output.AsSpan(Aes256Gcm.NonceBytes));
        }
        return output;
    }

    /// <summary>
    /// Decrypts a ciphertext in this type's wire format. False (and a null <paramref name="plaintext"/>) when it is
    /// too short or does not authenticate.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> ciphertext, [NotNullWhen(true)] out byte[]? plaintext)
    {
        var key = Alive();
        plaintext = null;
        if (ciphertext.Length < Overhead(EncryptionType))
            return false;
        var output = new byte[ciphertext.Length - Overhead(EncryptionType)];
        var ok = EncryptionType == OnionEncryptionType.XChaCha20
            ? XChaCha20Poly1305.Decrypt(
                key, ciphertext[..XChaCha20Poly1305.NonceBytes], ciphertext[XChaCha20Poly1305.NonceBytes..], default, output)
            : Aes256Gcm.Decrypt(key, ciphertext[..Aes256Gcm.NonceBytes], ciphertext[Aes256Gcm.NonceBytes..], default, output);
        if (ok)
            plaintext = output;
        return ok;
    }

    private byte[] Alive()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _key;
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"HopKey({EncryptionType.ToJsonName()})";
}
