using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// An account's blinded key pair on one community server, made by <see cref="Blind15"/> or <see cref="Blind25"/>:
/// the blinded scalar, its public key and ID, and the secret that derives signature nonces. It signs standard
/// Ed25519 signatures under <see cref="PublicKey"/>. The secrets live in pinned buffers zeroed by
/// <see cref="Dispose"/>; <see cref="ToString"/> shows only the ID.
/// </summary>
public sealed class BlindedKeyPair : IDisposable
{
    /// <summary>Signature length in bytes.</summary>
    public const int SignatureBytes = 64;

    /// <summary>The BLAKE2b key of 25-blinded signature nonces (libsession's blinding.cpp).</summary>
    private static readonly byte[] s_blind25NonceKey = Encoding.ASCII.GetBytes("SessCommBlind25_sig");

    private readonly byte[] _scalar = GC.AllocateArray<byte>(Ed25519Group.ScalarBytes, pinned: true);
    private readonly byte[] _nonceSecret = GC.AllocateArray<byte>(32, pinned: true);
    private bool _disposed;

    internal BlindedKeyPair(byte prefix, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> nonceSecret)
    {
        scalar.CopyTo(_scalar);
        nonceSecret.CopyTo(_nonceSecret);
        Span<byte> point = stackalloc byte[Ed25519Group.PointBytes];
        Ed25519Group.MultiplyBase(_scalar, point);
        Id = new BlindedId(prefix, point);
    }

    /// <summary>The blinded ID (<c>15…</c> or <c>25…</c>).</summary>
    public BlindedId Id { get; }

    /// <summary>The blinded Ed25519 public key, which verifies this pair's signatures.</summary>
    public Ed25519PublicKey PublicKey => Id.PublicKey;

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (exactly 64 bytes).</summary>
    /// <remarks>
    /// <c>r = reduce(H(nonce secret ‖ A ‖ M))</c> with H = SHA-512 for 15-blinding and keyed BLAKE2b-512 for
    /// 25-blinding; <c>R = r·B</c>; <c>S = r + reduce(SHA-512(R ‖ A ‖ M))·a</c>. The nonce is deterministic, as in
    /// standard Ed25519, and matches libsession byte for byte.
    /// </remarks>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (signature.Length != SignatureBytes)
            throw new ArgumentException($"A blinded signature is {SignatureBytes} bytes; got {signature.Length}.", nameof(signature));
        var publicKey = PublicKey.Span;
        Span<byte> wide = stackalloc byte[Ed25519Group.WideScalarBytes];
        Span<byte> r = stackalloc byte[Ed25519Group.ScalarBytes];
        try
        {
            if (Id.Prefix == BlindedId.Blind15Prefix)
            {
                BlindingSha512.Hash(_nonceSecret, publicKey, message, wide);
            }
            else
            {
                var hasher = Blake2b.CreateIncremental(Ed25519Group.WideScalarBytes, s_blind25NonceKey);
                hasher.Update(_nonceSecret);
                hasher.Update(publicKey);
                hasher.Update(message);
                hasher.Finish(wide);
            }
            Ed25519Group.Reduce(wide, r);

            var bigR = signature[..Ed25519Group.PointBytes];
            var s = signature[Ed25519Group.PointBytes..];
            Ed25519Group.MultiplyBase(r, bigR);
            BlindingSha512.Hash(bigR, publicKey, message, wide);
            Ed25519Group.Reduce(wide, s);
            Ed25519Group.Multiply(s, _scalar, s);
            Ed25519Group.Add(s, r, s);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wide);
            CryptographicOperations.ZeroMemory(r);
        }
    }

    /// <summary>Signs <paramref name="message"/> and returns the 64-byte signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureBytes];
        Sign(message, signature);
        return signature;
    }

    /// <summary>Zeroes the blinded scalar and the nonce secret.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_scalar);
        CryptographicOperations.ZeroMemory(_nonceSecret);
        _disposed = true;
    }

    /// <summary>Shows the ID only.</summary>
    public override string ToString() => $"BlindedKeyPair({Id})";
}
