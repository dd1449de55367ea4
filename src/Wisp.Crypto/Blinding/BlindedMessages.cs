using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// Session's direct messages between blinded IDs on one community server (libsession's
/// <c>encrypt_for_blinded_recipient</c> / <c>decrypt_from_blinded_recipient</c>). The key is
/// <c>BLAKE2b-256(s ‖ sender ID ‖ recipient ID)</c> over the 32-byte keys of both IDs, where s is the shared point: for
/// 15-blinding <c>a·jB</c> (a the account's unblinded scalar), for 25-blinding <c>(k'·a)·jB</c>. The plaintext is the
/// message followed by the sender's real Ed25519 key; the wire form is <c>0x00 ‖ XChaCha20-Poly1305(…) ‖ nonce</c>.
/// </summary>
public static class BlindedMessages
{
    /// <summary>The version byte in front of every ciphertext.</summary>
    public const byte Version = 0;

    /// <summary>Bytes a ciphertext adds to the message: version, the sender's key, tag and nonce.</summary>
    public const int Overhead = 1 + Ed25519PublicKey.Bytes + XChaCha20Poly1305.TagBytes + XChaCha20Poly1305.NonceBytes;

    /// <summary>Encrypts <paramref name="message"/> from <paramref name="sender"/> to <paramref name="recipient"/> with a fresh random nonce.</summary>
    public static byte[] Encrypt(Ed25519KeyPair sender, X25519PublicKey serverKey, BlindedId recipient, ReadOnlySpan<byte> message)
    {
        Span<byte> nonce = stackalloc byte[XChaCha20Poly1305.NonceBytes];
        RandomBytes.Fill(nonce);
        return Encrypt(sender, serverKey, recipient, message, nonce);
    }

    /// <summary>Encrypts with the given 24-byte <paramref name="nonce"/> (tests fix it; otherwise it must be random).</summary>
    /// <exception cref="CryptographicException">The recipient's ID is not a usable curve point.</exception>
    public static byte[] Encrypt(
        Ed25519KeyPair sender, X25519PublicKey serverKey, BlindedId recipient, ReadOnlySpan<byte> message, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentNullException.ThrowIfNull(recipient);
        if (nonce.Length != XChaCha20Poly1305.NonceBytes)
            throw new ArgumentException($"The nonce is {XChaCha20Poly1305.NonceBytes} bytes; got {nonce.Length}.", nameof(nonce));
        var own = OwnId(sender, serverKey, recipient.Prefix);
        Span<byte> key = stackalloc byte[XChaCha20Poly1305.KeyBytes];
        var inner = new byte[message.Length + Ed25519PublicKey.Bytes];
        try
        {
            if (!TrySharedKey(sender, serverKey, own, recipient, sending: true, key))
                throw new CryptographicException("The recipient's blinded ID is not a usable curve point.");
            message.CopyTo(inner);
            sender.PublicKey.Span.CopyTo(inner.AsSpan(message.Length));
            var output = new byte[1 + inner.Length + XChaCha20Poly1305.TagBytes + XChaCha20Poly1305.NonceBytes];
            output[0] = Version;
            XChaCha20Poly1305.Encrypt(key, nonce, inner, [], output.AsSpan(1, inner.Length + XChaCha20Poly1305.TagBytes));
            nonce.CopyTo(output.AsSpan(output.Length - XChaCha20Poly1305.NonceBytes));
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    /// <summary>
    /// Opens a message between <paramref name="senderId"/> and <paramref name="recipientId"/>, one of which is
    /// <paramref name="self"/>'s (so a sender reads its own outbox too). False with why when the version is unknown, the
    /// ciphertext is short or forged, or the sender's real key inside does not blind to <paramref name="senderId"/>.
    /// </summary>
    public static bool TryDecrypt(
        Ed25519KeyPair self, X25519PublicKey serverKey, BlindedId senderId, BlindedId recipientId, ReadOnlySpan<byte> ciphertext,
        [NotNullWhen(true)] out byte[]? message, [NotNullWhen(true)] out AccountId? sender, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentNullException.ThrowIfNull(senderId);
        ArgumentNullException.ThrowIfNull(recipientId);
        message = null;
        sender = null;
        if (senderId.Prefix != recipientId.Prefix)
            return Fail("both IDs must have the same prefix (15 or 25)", out error);
        if (ciphertext.Length < Overhead)
            return Fail("too short to contain valid encrypted data", out error);
        if (ciphertext[0] != Version)
            return Fail($"version is not {Version}", out error);

        var own = OwnId(self, serverKey, recipientId.Prefix);
        var sending = own.Equals(senderId);
        if (!sending && !own.Equals(recipientId) && !(own.Prefix == BlindedId.Blind15Prefix && NegatedEquals(own, recipientId)))
            return Fail("neither ID is this account's", out error);
        Span<byte> key = stackalloc byte[XChaCha20Poly1305.KeyBytes];
        var sealedPart = ciphertext[1..^XChaCha20Poly1305.NonceBytes];
        var inner = new byte[sealedPart.Length - XChaCha20Poly1305.TagBytes];
        try
        {
            var ok = sending
                ? TrySharedKey(self, serverKey, senderId, recipientId, sending: true, key)
                : TrySharedKey(self, serverKey, recipientId, senderId, sending: false, key);
            if (!ok)
                return Fail("the other ID is not a usable curve point", out error);
            if (!XChaCha20Poly1305.Decrypt(key, ciphertext[^XChaCha20Poly1305.NonceBytes..], sealedPart, [], inner))
                return Fail("decryption failed", out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var senderKey = new Ed25519PublicKey(inner.AsSpan(inner.Length - Ed25519PublicKey.Bytes));
        if (senderKey.ToX25519() is not { } senderX)
            return Fail("the sender's key inside has no X25519 form", out error);
        var account = AccountId.FromX25519(senderX);
        if (!SenderMatches(account, serverKey, senderId))
            return Fail("blinded sender id does not match the actual sender", out error);
        message = inner[..^Ed25519PublicKey.Bytes];
        sender = account;
        error = null;
        return true;
    }

    private static bool SenderMatches(AccountId account, X25519PublicKey serverKey, BlindedId senderId)
    {
        if (senderId.Prefix == BlindedId.Blind25Prefix)
            return Blind25.TryGetId(account, serverKey, out var id) && id.Equals(senderId);
        return Blind15.TryGetPossibleIds(account, serverKey, out var positive, out var negative)
            && (positive.Equals(senderId) || negative.Equals(senderId));
    }

    private static bool NegatedEquals(BlindedId a, BlindedId b)
    {
        var flipped = a.Bytes.ToArray();
        flipped[^1] ^= 0x80;
        return flipped.AsSpan().SequenceEqual(b.Bytes);
    }

    private static BlindedId OwnId(Ed25519KeyPair account, X25519PublicKey serverKey, byte prefix)
    {
        if (prefix is not (BlindedId.Blind15Prefix or BlindedId.Blind25Prefix))
            throw new ArgumentException("A blinded ID starts with 15 or 25.", nameof(prefix));
        using var pair = prefix == BlindedId.Blind15Prefix
            ? Blind15.CreateKeyPair(account, serverKey)
            : Blind25.CreateKeyPair(account, serverKey);
        return pair.Id;
    }

    /// <summary>H(s ‖ kA ‖ jB) when sending, H(s ‖ jB ‖ kA) when receiving, with our ID <paramref name="own"/> and theirs <paramref name="other"/>.</summary>
    private static bool TrySharedKey(
        Ed25519KeyPair self, X25519PublicKey serverKey, BlindedId own, BlindedId other, bool sending, Span<byte> key)
    {
        Span<byte> scalar = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> shared = stackalloc byte[Ed25519Group.PointBytes];
        try
        {
            if (own.Prefix == BlindedId.Blind25Prefix)
            {
                // (k'·a): the same scalar that signs as the 25-blinded key, so that kjaB = jkbA on both sides.
                Span<byte> k = stackalloc byte[Ed25519Group.ScalarBytes];
                Blind25.Factor(self.X25519PublicKey, serverKey, k);
                if ((self.PublicKey.Span[^1] & 0x80) != 0)
                    Ed25519Group.Negate(k, k);
                Ed25519Group.Multiply(k, self.X25519SecretKey, scalar);
                CryptographicOperations.ZeroMemory(k);
            }
            else
            {
                // 15-blinding has one factor for everyone (j = k), so a·(kB) = b·(kA) already.
                self.X25519SecretKey.CopyTo(scalar);
            }
            if (!Ed25519Group.TryMultiply(scalar, other.PublicKey.Span, shared))
                return false;
            var first = sending ? own : other;
            var second = sending ? other : own;
            var hasher = Blake2b.CreateIncremental(XChaCha20Poly1305.KeyBytes);
            hasher.Update(shared);
            hasher.Update(first.PublicKey.Span);
            hasher.Update(second.PublicKey.Span);
            hasher.Finish(key);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static bool Fail(string why, out string error)
    {
        error = $"Invalid ciphertext: {why}";
        return false;
    }
}
