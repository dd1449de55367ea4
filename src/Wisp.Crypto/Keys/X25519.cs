using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Keys;

/// <summary>X25519 key agreement (libsodium's crypto_scalarmult).</summary>
public static unsafe class X25519
{
    /// <summary>
    /// Agrees a shared secret between our key pair and their public key. Returns false when the result is the
    /// all-zero value, which happens exactly when their key is a low-order point: a peer who sends one would
    /// otherwise make the "secret" publicly known.
    /// </summary>
    public static bool TryAgree(X25519KeyPair ours, X25519PublicKey theirs, [NotNullWhen(true)] out SharedSecret? secret)
    {
        ArgumentNullException.ThrowIfNull(ours);
        return TryAgree(ours.SecretKey, theirs, out secret);
    }

    /// <summary>Agrees a shared secret using the X25519 twin of an Ed25519 key pair; see the other overload.</summary>
    public static bool TryAgree(Ed25519KeyPair ours, X25519PublicKey theirs, [NotNullWhen(true)] out SharedSecret? secret)
    {
        ArgumentNullException.ThrowIfNull(ours);
        return TryAgree(ours.X25519SecretKey, theirs, out secret);
    }

    private static bool TryAgree(ReadOnlySpan<byte> secretKey, X25519PublicKey theirs, [NotNullWhen(true)] out SharedSecret? secret)
    {
        ArgumentNullException.ThrowIfNull(theirs);
        Span<byte> shared = stackalloc byte[SharedSecret.Bytes];
        try
        {
            Sodium.EnsureInitialized();
            fixed (byte* q = shared, n = secretKey, p = theirs.Span)
            {
                // libsodium returns -1 when the result is all zeros.
                if (Sodium.crypto_scalarmult(q, n, p) != 0)
                {
                    secret = null;
                    return false;
                }
            }
            secret = new SharedSecret(shared);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
