using System.Security.Cryptography;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Groups;

/// <summary>
/// libsession's per-recipient key for values encrypted to many recipients under one nonce (multi_encrypt):
/// <c>BLAKE2b-256(aB ‖ S ‖ R, key=domain)</c>, with a/S the sender's X25519 secret/public key and R the recipient's;
/// the recipient computes the same from <c>bS</c>. Both sides use the X25519 twin of an Ed25519 key pair.
/// </summary>
public static class MultiRecipientKey
{
    /// <summary>Length of the derived XChaCha20-Poly1305 key in bytes.</summary>
    public const int KeyBytes = 32;

    /// <summary>The key <paramref name="sender"/> encrypts to <paramref name="recipient"/> with; false when the agreement is degenerate (libsession then skips the recipient).</summary>
    public static bool TryForRecipient(Ed25519KeyPair sender, X25519PublicKey recipient, ReadOnlySpan<byte> domain, Span<byte> key)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        return TryDerive(sender, recipient, sender.X25519PublicKey, recipient, domain, key);
    }

    /// <summary>The key <paramref name="recipient"/> decrypts values from <paramref name="sender"/> with; false when the agreement is degenerate.</summary>
    public static bool TryFromSender(Ed25519KeyPair recipient, X25519PublicKey sender, ReadOnlySpan<byte> domain, Span<byte> key)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(sender);
        return TryDerive(recipient, sender, sender, recipient.X25519PublicKey, domain, key);
    }

    private static bool TryDerive(
        Ed25519KeyPair ours, X25519PublicKey theirs, X25519PublicKey senderKey, X25519PublicKey recipientKey,
        ReadOnlySpan<byte> domain, Span<byte> key)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException($"A multi-recipient key is {KeyBytes} bytes; got {key.Length}.", nameof(key));
        if (!X25519.TryAgree(ours, theirs, out var shared))
            return false;
        using (shared)
        {
            var hasher = Blake2b.CreateIncremental(KeyBytes, domain[..Math.Min(domain.Length, Blake2b.MaxKeyBytes)]);
            hasher.Update(shared.Span);
            hasher.Update(senderKey.Span);
            hasher.Update(recipientKey.Span);
            hasher.Finish(key);
        }
        return true;
    }
}
