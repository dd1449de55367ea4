using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Kem;

/// <summary>
/// The key agreement of Session's protocol v2 one-to-one messages (libsession's docs/protocol-v2.md, "One-to-one
/// Message Encryption" and "Non-PFS fallback"): the encrypted key indicator, the X-Wing combiner
/// <c>SHA3-256(ssₘ ‖ ssₓ ‖ E ‖ X ‖ "\.//^\")</c> computed by hand (the key indicator needs the ephemeral secret, which
/// a packaged X-Wing hides), and the SHAKE256 squeeze into the XChaCha20-Poly1305 key and nonce. The header it
/// writes is <c>ki(2) ‖ E(32) ‖ ML-KEM ciphertext(1088)</c>; framing and the inner message are Wisp.Protocol's.
/// </summary>
public static class SessionV2Kem
{
    /// <summary>Encrypted key indicator length.</summary>
    public const int KeyIndicatorBytes = 2;

    /// <summary>ki ‖ E ‖ ciphertext.</summary>
    public const int HeaderBytes = KeyIndicatorBytes + X25519PublicKey.Bytes + MlKem768.CiphertextBytes;

    /// <summary>XChaCha20-Poly1305 key length.</summary>
    public const int KeyBytes = Sodium.XChaChaKeyBytes;

    /// <summary>XChaCha20-Poly1305 nonce length.</summary>
    public const int NonceBytes = Sodium.XChaChaNonceBytes;

    private static readonly byte[] s_kissPersonal = Encoding.ASCII.GetBytes("Session-Msg-KISS");
    private static readonly byte[] s_xwingLabel = Encoding.ASCII.GetBytes(@"\.//^\");
    private static readonly byte[] s_messageDomain = Encoding.ASCII.GetBytes("SessionV2MessageSS");
    private static readonly byte[] s_nonPfsLabel = Encoding.ASCII.GetBytes("SessionV2NonPFS");
    private static readonly byte[] s_nonPfsDomain = Encoding.ASCII.GetBytes("SessionV2NonPFSSS");

    /// <summary>
    /// Sender side of a forward-secret message to the holder of <paramref name="recipient"/> (long-term key S) whose
    /// current account keys are <paramref name="accountMlKem"/> (M) and <paramref name="accountX25519"/> (X): writes
    /// the header and the message key and nonce.
    /// </summary>
    public static void Encapsulate(
        X25519PublicKey recipient, ReadOnlySpan<byte> accountMlKem, X25519PublicKey accountX25519,
        Span<byte> header, Span<byte> key, Span<byte> nonce)
    {
        Span<byte> ephemeral = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        Span<byte> coins = stackalloc byte[MlKem768.EncapsulationSeedBytes];
        RandomBytes.Fill(ephemeral);
        RandomBytes.Fill(coins);
        try { EncapsulateDeterministic(recipient, accountMlKem, accountX25519, ephemeral, coins, header, key, nonce); }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeral);
            CryptographicOperations.ZeroMemory(coins);
        }
    }

    /// <summary>
    /// <see cref="Encapsulate"/> with the ephemeral X25519 secret and the ML-KEM coins given: for known-answer tests only, never for real messages.
    /// </summary>
    public static void EncapsulateDeterministic(
        X25519PublicKey recipient, ReadOnlySpan<byte> accountMlKem, X25519PublicKey accountX25519,
        ReadOnlySpan<byte> ephemeralSecret, ReadOnlySpan<byte> coins,
        Span<byte> header, Span<byte> key, Span<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(accountX25519);
        CheckOutputs(header, key, nonce);
        if (accountMlKem.Length != MlKem768.PublicKeyBytes)
            throw new ArgumentException($"An ML-KEM-768 public key is {MlKem768.PublicKeyBytes} bytes; got {accountMlKem.Length}.", nameof(accountMlKem));

        using var ephemeral = X25519KeyPair.FromSecret(ephemeralSecret);
        var e = ephemeral.PublicKey.Span;
        Span<byte> kiss = stackalloc byte[KeyIndicatorBytes];
        Span<byte> ssM = stackalloc byte[MlKem768.SharedSecretBytes];
        Span<byte> ssX = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        try
        {
            KeyIndicatorSecret(ephemeral.SecretKey, recipient.Span, e, recipient.Span, kiss);
            header[0] = (byte)(accountMlKem[0] ^ kiss[0]);
            header[1] = (byte)(accountMlKem[1] ^ kiss[1]);
            e.CopyTo(header[KeyIndicatorBytes..]);
            MlKem768.EncapsulateDeterministic(accountMlKem, coins, header[(KeyIndicatorBytes + X25519PublicKey.Bytes)..], ssM);
            Agree(ephemeral.SecretKey, accountX25519.Span, ssX);
            Combine(ssM, ssX, e, accountX25519.Span, key, nonce);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    /// <summary>
    /// The first two bytes of the ML-KEM public key the sender of <paramref name="header"/> encapsulated to,
    /// recovered with the recipient's long-term key: which of the account keys to try.
    /// </summary>
    public static void KeyIndicator(Ed25519KeyPair recipient, ReadOnlySpan<byte> header, Span<byte> indicator)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        CheckHeader(header);
        if (indicator.Length != KeyIndicatorBytes)
            throw new ArgumentException($"The key indicator is {KeyIndicatorBytes} bytes; got {indicator.Length}.", nameof(indicator));
        var e = header.Slice(KeyIndicatorBytes, X25519PublicKey.Bytes);
        KeyIndicatorSecret(recipient.X25519SecretKey, e, e, recipient.X25519PublicKey.Span, indicator);
        indicator[0] ^= header[0];
        indicator[1] ^= header[1];
    }

    /// <summary>
    /// Recipient side of a forward-secret message: the key and nonce from the account key pair
    /// (<paramref name="accountX25519"/>, <paramref name="accountMlKem"/>) the indicator pointed at. A wrong key
    /// gives a wrong key and nonce, which the AEAD then rejects.
    /// </summary>
    public static bool TryDecapsulate(
        X25519KeyPair accountX25519, MlKem768KeyPair accountMlKem, ReadOnlySpan<byte> header, Span<byte> key, Span<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(accountX25519);
        ArgumentNullException.ThrowIfNull(accountMlKem);
        CheckHeader(header);
        CheckKeyNonce(key, nonce);
        var e = header.Slice(KeyIndicatorBytes, X25519PublicKey.Bytes);
        Span<byte> ssM = stackalloc byte[MlKem768.SharedSecretBytes];
        Span<byte> ssX = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        try
        {
            accountMlKem.Decapsulate(header[(KeyIndicatorBytes + X25519PublicKey.Bytes)..], ssM);
            if (!TryAgree(accountX25519.SecretKey, e, ssX))
                return false;
            Combine(ssM, ssX, e, accountX25519.PublicKey.Span, key, nonce);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    /// <summary>
    /// Sender side of the non-forward-secret v2 form: random ki and ciphertext (indistinguishable from a real
    /// header), key and nonce from <c>SHA3-256(eR ‖ R ‖ E ‖ "SessionV2NonPFS")</c> squeezed by SHAKE256 with
    /// "SessionV2NonPFSSS".
    /// </summary>
    public static void EncapsulateNonPfs(X25519PublicKey recipient, Span<byte> header, Span<byte> key, Span<byte> nonce)
    {
        Span<byte> ephemeral = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        RandomBytes.Fill(ephemeral);
        try
        {
            CheckOutputs(header, key, nonce);
            RandomBytes.Fill(header);
            EncapsulateNonPfsDeterministic(recipient, ephemeral, header, key, nonce);
        }
        finally { CryptographicOperations.ZeroMemory(ephemeral); }
    }

    /// <summary>The non-PFS derivation with the ephemeral secret given (known-answer tests only); leaves ki and the ciphertext slot as they are.</summary>
    public static void EncapsulateNonPfsDeterministic(
        X25519PublicKey recipient, ReadOnlySpan<byte> ephemeralSecret, Span<byte> header, Span<byte> key, Span<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        CheckOutputs(header, key, nonce);
        using var ephemeral = X25519KeyPair.FromSecret(ephemeralSecret);
        ephemeral.PublicKey.Span.CopyTo(header[KeyIndicatorBytes..]);
        Span<byte> ss = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        try
        {
            Agree(ephemeral.SecretKey, recipient.Span, ss);
            CombineNonPfs(ss, recipient.Span, ephemeral.PublicKey.Span, key, nonce);
        }
        finally { CryptographicOperations.ZeroMemory(ss); }
    }

    /// <summary>Recipient side of the non-PFS form, with the long-term key.</summary>
    public static bool TryDecapsulateNonPfs(Ed25519KeyPair recipient, ReadOnlySpan<byte> header, Span<byte> key, Span<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        CheckHeader(header);
        CheckKeyNonce(key, nonce);
        var e = header.Slice(KeyIndicatorBytes, X25519PublicKey.Bytes);
        Span<byte> ss = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        try
        {
            if (!TryAgree(recipient.X25519SecretKey, e, ss))
                return false;
            CombineNonPfs(ss, recipient.X25519PublicKey.Span, e, key, nonce);
            return true;
        }
        finally { CryptographicOperations.ZeroMemory(ss); }
    }

    // kiss = BLAKE2b_2(E ‖ S, key = X25519(secret, peer), pers = "Session-Msg-KISS").
    private static void KeyIndicatorSecret(
        ReadOnlySpan<byte> secret, ReadOnlySpan<byte> peer, ReadOnlySpan<byte> e, ReadOnlySpan<byte> s, Span<byte> kiss)
    {
        Span<byte> dh = stackalloc byte[X25519KeyPair.SecretKeyBytes];
        Span<byte> input = stackalloc byte[2 * X25519PublicKey.Bytes];
        try
        {
            // An all-zero DH (a low-order E) still yields a kiss; it just points nowhere useful.
            TryAgree(secret, peer, dh);
            e.CopyTo(input);
            s.CopyTo(input[X25519PublicKey.Bytes..]);
            Blake2b.HashSaltPersonal(input, kiss, dh, [], s_kissPersonal);
        }
        finally { CryptographicOperations.ZeroMemory(dh); }
    }

    // ss = SHA3-256(ssM ‖ ssX ‖ E ‖ X ‖ label); k ‖ n = SHAKE256("SessionV2MessageSS" ‖ ss).
    private static void Combine(
        ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssX, ReadOnlySpan<byte> e, ReadOnlySpan<byte> x, Span<byte> key, Span<byte> nonce)
    {
        Span<byte> ss = stackalloc byte[Sha3256.HashBytes];
        try
        {
            XWingSecret(ssM, ssX, e, x, ss);
            Squeeze(s_messageDomain, ss, key, nonce);
        }
        finally { CryptographicOperations.ZeroMemory(ss); }
    }

    /// <summary>X-Wing's combiner (draft-connolly-cfrg-xwing-kem): SHA3-256(ssₘ ‖ ssₓ ‖ ctₓ ‖ pkₓ ‖ "\.//^\").</summary>
    internal static void XWingSecret(ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssX, ReadOnlySpan<byte> e, ReadOnlySpan<byte> x, Span<byte> ss)
    {
        var hasher = Sha3256.CreateIncremental();
        hasher.Update(ssM);
        hasher.Update(ssX);
        hasher.Update(e);
        hasher.Update(x);
        hasher.Update(s_xwingLabel);
        hasher.Finish(ss);
    }

    // ss = SHA3-256(eR ‖ R ‖ E ‖ "SessionV2NonPFS"); k ‖ n = SHAKE256("SessionV2NonPFSSS" ‖ ss).
    private static void CombineNonPfs(ReadOnlySpan<byte> dh, ReadOnlySpan<byte> r, ReadOnlySpan<byte> e, Span<byte> key, Span<byte> nonce)
    {
        Span<byte> ss = stackalloc byte[Sha3256.HashBytes];
        try
        {
            var hasher = Sha3256.CreateIncremental();
            hasher.Update(dh);
            hasher.Update(r);
            hasher.Update(e);
            hasher.Update(s_nonPfsLabel);
            hasher.Finish(ss);
            Squeeze(s_nonPfsDomain, ss, key, nonce);
        }
        finally { CryptographicOperations.ZeroMemory(ss); }
    }

    private static void Squeeze(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> ss, Span<byte> key, Span<byte> nonce)
    {
        using var xof = Shake256Hash.Create();
        xof.Update(domain);
        xof.Update(ss);
        xof.Squeeze(key);
        xof.Squeeze(nonce);
    }

    private static unsafe void Agree(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> peer, Span<byte> shared)
    {
        if (!TryAgree(secret, peer, shared))
            throw new ArgumentException("The X25519 public key is a low-order point.", nameof(peer));
    }

    private static unsafe bool TryAgree(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> peer, Span<byte> shared)
    {
        Sodium.EnsureInitialized();
        fixed (byte* q = shared, n = secret, p = peer)
        {
            return Sodium.crypto_scalarmult(q, n, p) == 0;
        }
    }

    private static void CheckHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length != HeaderBytes)
            throw new ArgumentException($"A v2 key header is {HeaderBytes} bytes; got {header.Length}.", nameof(header));
    }

    private static void CheckOutputs(Span<byte> header, Span<byte> key, Span<byte> nonce)
    {
        if (header.Length != HeaderBytes)
            throw new ArgumentException($"A v2 key header is {HeaderBytes} bytes; got {header.Length}.", nameof(header));
        CheckKeyNonce(key, nonce);
    }

    private static void CheckKeyNonce(Span<byte> key, Span<byte> nonce)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException($"The message key is {KeyBytes} bytes; got {key.Length}.", nameof(key));
        if (nonce.Length != NonceBytes)
            throw new ArgumentException($"The message nonce is {NonceBytes} bytes; got {nonce.Length}.", nameof(nonce));
    }
}
