using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Crypto.Sealing;

/// <summary>
/// Session protocol v1 one-to-one encryption: the sender signs (M ‖ A ‖ Y) with its Ed25519 key, where A is its
/// Ed25519 public key and Y the recipient's X25519 key, then seals (M ‖ A ‖ signature) to Y with libsodium's
/// sealed box. Signing Y binds the message to its recipient, so it cannot be re-sealed to someone else.
/// </summary>
/// <remarks>
/// Output layout: ephemeral X25519 key (32) ‖ XSalsa20-Poly1305 of (M ‖ A ‖ signature) (+16 MAC): 144 bytes more
/// than M. Padding (<see cref="MessagePadding"/>) is the caller's step before sealing.
/// </remarks>
public static unsafe class SessionSealer
{
    /// <summary>Bytes a sealed message adds to its plaintext.</summary>
    public const int Overhead = Sodium.SealBytes + Ed25519.PublicKeyBytes + Ed25519.SignatureBytes;

    private const int SignedSuffixBytes = Ed25519.PublicKeyBytes + Ed25519.SignatureBytes;

    // BLAKE2b key for the deterministic variant's ephemeral seed (libsession's constant).
    private static readonly byte[] EphemeralHashKey = Encoding.ASCII.GetBytes("SessionBoxEphemeralHashKey");

    /// <summary>Signs and seals <paramref name="plaintext"/> from <paramref name="sender"/> to <paramref name="recipient"/>.</summary>
    public static byte[] Seal(Ed25519KeyPair sender, X25519PublicKey recipient, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        var inner = SignForRecipient(sender, recipient, plaintext);
        try
        {
            var sealedBox = new byte[checked(inner.Length + Sodium.SealBytes)];
            fixed (byte* c = sealedBox, m = inner, pk = recipient.Span)
            {
                if (Sodium.crypto_box_seal(c, m, (ulong)inner.Length, pk) != 0)
                    throw new CryptographicException("crypto_box_seal failed.");
            }
            return sealedBox;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    /// <summary>
    /// Like <see cref="Seal"/>, but the ephemeral key is derived from the sender's seed, the recipient and the
    /// plaintext, so the same inputs always give the same bytes (libsession's
    /// <c>encrypt_for_recipient_deterministic</c>, used where identical content must produce identical messages).
    /// It reveals when the same plaintext is sent twice: use <see cref="Seal"/> for ordinary messages.
    /// </summary>
    public static byte[] SealDeterministic(Ed25519KeyPair sender, X25519PublicKey recipient, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        var inner = SignForRecipient(sender, recipient, plaintext);
        Span<byte> seed = stackalloc byte[Sodium.Ed25519SeedBytes];
        Span<byte> ephemeralSecret = stackalloc byte[Sodium.X25519KeyBytes];
        Span<byte> nonce = stackalloc byte[Sodium.BoxNonceBytes];
        try
        {
            var seedHash = Blake2b.CreateIncremental(seed.Length, EphemeralHashKey);
            seedHash.Update(sender.Seed);
            seedHash.Update(recipient.Span);
            seedHash.Update(plaintext);
            seedHash.Finish(seed);

            var sealedBox = new byte[checked(inner.Length + Sodium.SealBytes)];
            var ephemeralPublic = sealedBox.AsSpan(0, Sodium.X25519KeyBytes);
            fixed (byte* epk = ephemeralPublic, esk = ephemeralSecret, s = seed)
            {
                Sodium.crypto_box_seed_keypair(epk, esk, s);
            }

            // The same nonce a sealed box uses implicitly: BLAKE2b-24(ephemeral pk ‖ recipient pk).
            var nonceHash = Blake2b.CreateIncremental(nonce.Length);
            nonceHash.Update(ephemeralPublic);
            nonceHash.Update(recipient.Span);
            nonceHash.Finish(nonce);

            fixed (byte* c = sealedBox.AsSpan(Sodium.X25519KeyBytes), m = inner, n = nonce, pk = recipient.Span, esk = ephemeralSecret)
            {
                if (Sodium.crypto_box_easy(c, m, (ulong)inner.Length, n, pk, esk) != 0)
                    throw new CryptographicException("crypto_box_easy failed.");
            }
            return sealedBox;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(ephemeralSecret);
        }
    }

    /// <summary>
    /// Opens a sealed message addressed to <paramref name="recipient"/> and checks the sender's signature. Bad input
    /// of any kind is a failed result, never an exception.
    /// </summary>
    public static OpenResult Open(Ed25519KeyPair recipient, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (ciphertext.Length < Overhead)
            return OpenResult.Failed(OpenFailure.TooShort);

        // The sealed box opens to M ‖ A ‖ SIG.
        var innerLength = ciphertext.Length - Sodium.SealBytes;
        var messageLength = innerLength - SignedSuffixBytes;
        var inner = new byte[innerLength];
        fixed (byte* m = inner, c = ciphertext, pk = recipient.X25519PublicKey.Span, sk = recipient.X25519SecretKey)
        {
            if (Sodium.crypto_box_seal_open(m, c, (ulong)ciphertext.Length, pk, sk) != 0)
                return OpenResult.Failed(OpenFailure.DecryptionFailed);
        }

        try
        {
            return CheckSender(recipient, inner, messageLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    private static OpenResult CheckSender(Ed25519KeyPair recipient, byte[] inner, int messageLength)
    {
        var sender = new Ed25519PublicKey(inner.AsSpan(messageLength, Ed25519.PublicKeyBytes));
        var senderX25519 = sender.ToX25519();
        if (senderX25519 is null)
            return OpenResult.Failed(OpenFailure.BadSenderKey);

        var signature = inner.AsSpan(messageLength + Ed25519.PublicKeyBytes, Ed25519.SignatureBytes);
        var signed = new byte[messageLength + Ed25519.PublicKeyBytes + X25519PublicKey.Bytes];
        try
        {
            inner.AsSpan(0, messageLength + Ed25519.PublicKeyBytes).CopyTo(signed);
            recipient.X25519PublicKey.Span.CopyTo(signed.AsSpan(messageLength + Ed25519.PublicKeyBytes));
            if (!Ed25519.Verify(sender, signed, signature))
                return OpenResult.Failed(OpenFailure.BadSignature);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(signed);
        }
        return OpenResult.Opened(inner.AsSpan(0, messageLength).ToArray(), sender, AccountId.FromX25519(senderX25519));
    }

    // M ‖ A ‖ Sign(M ‖ A ‖ Y): the inner plaintext of a sealed message.
    private static byte[] SignForRecipient(Ed25519KeyPair sender, X25519PublicKey recipient, ReadOnlySpan<byte> plaintext)
    {
        var inner = new byte[checked(plaintext.Length + SignedSuffixBytes)];
        var signedLength = plaintext.Length + Ed25519.PublicKeyBytes + X25519PublicKey.Bytes;
        var toSign = new byte[signedLength];
        try
        {
            plaintext.CopyTo(toSign);
            sender.PublicKey.Span.CopyTo(toSign.AsSpan(plaintext.Length));
            recipient.Span.CopyTo(toSign.AsSpan(plaintext.Length + Ed25519.PublicKeyBytes));
            toSign.AsSpan(0, plaintext.Length + Ed25519.PublicKeyBytes).CopyTo(inner);
            Ed25519.Sign(sender, toSign, inner.AsSpan(plaintext.Length + Ed25519.PublicKeyBytes));
            return inner;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(toSign);
        }
    }
}
