using System.Security.Cryptography;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Ratchet;

/// <summary>A sealed ratchet message: the header's bytes (as the caller's writer made them) and the AEAD ciphertext.</summary>
public sealed record RatchetSealed(byte[] Header, byte[] Ciphertext);

/// <summary>
/// One party's end of Wisp's ratchet: Signal's Double Ratchet (root KDF, sending and receiving chains, a DH ratchet
/// step whenever the peer's ratchet key changes, bounded skipped keys) with an ML-KEM-768 secret mixed into the
/// root key at least every <see cref="RatchetLimits.KemIntervalMessages"/> messages. Not thread-safe: the caller
/// serialises access per conversation. Opening works on a copy, so a refused message leaves the state untouched.
/// </summary>
public sealed partial class RatchetSession : IDisposable
{
    private RatchetState _state;

    private RatchetSession(RatchetState state) => _state = state;

    /// <summary>True once this party has a chain to send on (the acceptor at once; the opener after its first receive).</summary>
    public bool CanSend => _state.NeedsSendStep || _state.SendChainKey is not null;

    /// <summary>Messages sent since the root key last mixed a KEM secret.</summary>
    public int SentSinceKem => _state.SentSinceKem;

    /// <summary>True while this party offers an ML-KEM key that the peer has not yet answered.</summary>
    public bool HasPendingKemOffer => _state.KemOfferSeed is not null;

    /// <summary>
    /// Seals <paramref name="plaintext"/> as the next message. <paramref name="writeHeader"/> turns the header's
    /// fields into bytes (Wisp.Protocol's RatchetMessage); those bytes are authenticated with the ciphertext.
    /// </summary>
    public RatchetSealed Seal(ReadOnlySpan<byte> plaintext, Func<RatchetHeader, byte[]> writeHeader)
    {
        ArgumentNullException.ThrowIfNull(writeHeader);
        ObjectDisposedException.ThrowIf(_state is null, this);
        if (!CanSend)
            throw new InvalidOperationException("This ratchet session cannot send until it has received a message.");
        var s = _state;
        if (s.NeedsSendStep)
            SendStep(s);
        if (s.KemOfferSeed is null && s.SentSinceKem >= RatchetLimits.KemIntervalMessages - 1)
            MakeKemOffer(s);

        var header = new RatchetHeader(new X25519PublicKey(s.DhSelfPublic), s.PreviousSendChainLength, s.SendMessageNumber,
            (byte[]?)s.KemOfferPublicKey?.Clone(), (byte[]?)s.SendKemCiphertext?.Clone());
        var headerBytes = writeHeader(header);

        Span<byte> messageKey = stackalloc byte[RatchetKdf.KeyBytes];
        RatchetKdf.Chain(s.SendChainKey, s.SendChainKey, messageKey);
        s.SendMessageNumber++;
        s.SentSinceKem++;
        var ciphertext = new byte[plaintext.Length + XChaCha20Poly1305.TagBytes];
        Aead(messageKey, s.AssociatedData, headerBytes, plaintext, ciphertext, encrypt: true);
        CryptographicOperations.ZeroMemory(messageKey);
        return new RatchetSealed(headerBytes, ciphertext);
    }

    /// <summary>
    /// Opens a message whose header <paramref name="header"/> was read from <paramref name="headerBytes"/>. On any
    /// refusal the session is unchanged; on success the used message key is gone (a replay is refused).
    /// </summary>
    public RatchetOpenResult Open(RatchetHeader header, ReadOnlySpan<byte> headerBytes, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(header);
        ObjectDisposedException.ThrowIf(_state is null, this);
        if (ciphertext.Length < XChaCha20Poly1305.TagBytes)
            return RatchetOpenResult.Refused(RatchetOpenFailure.DecryptionFailed);
        var work = _state.Clone();
        var outcome = OpenOn(work, header, headerBytes, ciphertext, out var plaintext);
        if (outcome is not null)
        {
            work.Wipe();
            return RatchetOpenResult.Refused(outcome.Value);
        }
        var old = _state;
        _state = work;
        old.Wipe();
        return RatchetOpenResult.Opened(plaintext!);
    }

    private static RatchetOpenFailure? OpenOn(
        RatchetState s, RatchetHeader header, ReadOnlySpan<byte> headerBytes, ReadOnlySpan<byte> ciphertext, out byte[]? plaintext)
    {
        plaintext = null;
        var dh = header.DhPublicKey.Span;
        var skipped = s.Skipped.Take(dh, header.MessageNumber);
        if (skipped is not null)
            return Decrypt(skipped, s, headerBytes, ciphertext, out plaintext);

        var sameChain = s.DhRemote is not null && dh.SequenceEqual(s.DhRemote);
        if (!sameChain)
        {
            if (s.DhSelfSecret is null)
                return RatchetOpenFailure.NotReady;
            if (s.ReceiveChainKey is not null && !Skip(s, header.PreviousChainLength))
                return RatchetOpenFailure.TooManySkipped;
            var step = ReceiveStep(s, header);
            if (step is not null)
                return step;
        }
        else if (header.MessageNumber < s.ReceiveMessageNumber)
        {
            return RatchetOpenFailure.Replayed;
        }
        if (!Skip(s, header.MessageNumber))
            return RatchetOpenFailure.TooManySkipped;
        TakeOffer(s, header);

        var messageKey = new byte[RatchetKdf.KeyBytes];
        RatchetKdf.Chain(s.ReceiveChainKey, s.ReceiveChainKey, messageKey);
        s.ReceiveMessageNumber++;
        return Decrypt(messageKey, s, headerBytes, ciphertext, out plaintext);
    }

    private static RatchetOpenFailure? Decrypt(
        byte[] messageKey, RatchetState s, ReadOnlySpan<byte> headerBytes, ReadOnlySpan<byte> ciphertext, out byte[]? plaintext)
    {
        var output = new byte[ciphertext.Length - XChaCha20Poly1305.TagBytes];
        var ok = Aead(messageKey, s.AssociatedData, headerBytes, ciphertext, output, encrypt: false);
        CryptographicOperations.ZeroMemory(messageKey);
        plaintext = ok ? output : null;
        return ok ? null : RatchetOpenFailure.DecryptionFailed;
    }

    /// <summary>Derives and keeps the receiving chain's keys up to (not including) <paramref name="until"/>.</summary>
    private static bool Skip(RatchetState s, uint until)
    {
        if (s.ReceiveChainKey is null || until <= s.ReceiveMessageNumber)
            return true;
        if (until - s.ReceiveMessageNumber > RatchetLimits.MaxSkipPerStep)
            return false;
        Span<byte> messageKey = stackalloc byte[RatchetKdf.KeyBytes];
        while (s.ReceiveMessageNumber < until)
        {
            RatchetKdf.Chain(s.ReceiveChainKey, s.ReceiveChainKey, messageKey);
            s.Skipped.Add(s.DhRemote, s.ReceiveMessageNumber, messageKey);
            s.ReceiveMessageNumber++;
        }
        CryptographicOperations.ZeroMemory(messageKey);
        return true;
    }

    /// <summary>The first half of Signal's DH ratchet step (the second waits for our next send), with the KEM answer.</summary>
    private static RatchetOpenFailure? ReceiveStep(RatchetState s, RatchetHeader header)
    {
        Span<byte> kemSecret = stackalloc byte[MlKem768.SharedSecretBytes];
        var hasKem = header.KemCiphertext is not null;
        if (hasKem)
        {
            if (s.KemOfferSeed is null || header.KemCiphertext!.Length != MlKem768.CiphertextBytes)
                return RatchetOpenFailure.BadHeader;
            using var offer = MlKem768KeyPair.FromSeed(s.KemOfferSeed);
            offer.Decapsulate(header.KemCiphertext, kemSecret);
        }
        using var ours = X25519KeyPair.FromSecret(s.DhSelfSecret);
        if (!X25519.TryAgree(ours, header.DhPublicKey, out var shared))
            return RatchetOpenFailure.BadHeader;
        using (shared)
        {
            s.ReceiveChainKey ??= new byte[RatchetKdf.KeyBytes];
            RatchetKdf.Root(s.RootKey, shared.Span, hasKem ? kemSecret : default, s.RootKey, s.ReceiveChainKey);
        }
        CryptographicOperations.ZeroMemory(kemSecret);
        if (hasKem)
        {
            CryptographicOperations.ZeroMemory(s.KemOfferSeed);
            s.KemOfferSeed = null;
            s.KemOfferPublicKey = null;
            s.SentSinceKem = 0;
        }
        s.DhRemote = header.DhPublicKey.Span.ToArray();
        s.ReceiveMessageNumber = 0;
        if (s.SendChainKey is not null)
            CryptographicOperations.ZeroMemory(s.SendChainKey);
        s.SendChainKey = null;
        s.NeedsSendStep = true;
        return null;
    }

    /// <summary>Keeps the peer's offer from the current chain, unless it is the one we already answered.</summary>
    private static void TakeOffer(RatchetState s, RatchetHeader header)
    {
        // Checked before validating: a pending offer rides on every message of its chain, and validation encapsulates.
        if (header.KemPublicKey is not { } offer || offer.AsSpan().SequenceEqual(s.PeerKemPublicKey) || !MlKem768.IsValidPublicKey(offer))
            return;
        var hash = Blake2b.Hash(offer, 32);
        if (s.AnsweredPeerKemHash is not null && hash.AsSpan().SequenceEqual(s.AnsweredPeerKemHash))
            return;
        s.PeerKemPublicKey = offer;
    }

    /// <summary>The second half of the DH ratchet step: a new ratchet key and sending chain, answering the peer's offer if any.</summary>
    private static void SendStep(RatchetState s)
    {
        if (s.DhSelfSecret is not null)
            CryptographicOperations.ZeroMemory(s.DhSelfSecret);
        using var fresh = X25519KeyPair.Generate();
        s.DhSelfSecret = fresh.SecretKey.ToArray();
        s.DhSelfPublic = fresh.PublicKey.Span.ToArray();
        Span<byte> kemSecret = stackalloc byte[MlKem768.SharedSecretBytes];
        var hasKem = s.PeerKemPublicKey is not null;
        s.SendKemCiphertext = null;
        if (hasKem)
        {
            var ciphertext = new byte[MlKem768.CiphertextBytes];
            MlKem768.Encapsulate(s.PeerKemPublicKey, ciphertext, kemSecret);
            s.SendKemCiphertext = ciphertext;
            s.AnsweredPeerKemHash = Blake2b.Hash(s.PeerKemPublicKey, 32);
            s.PeerKemPublicKey = null;
            s.SentSinceKem = 0;
        }
        if (!X25519.TryAgree(fresh, new X25519PublicKey(s.DhRemote), out var shared))
            throw new InvalidOperationException("The peer's ratchet key is a low-order point."); // refused on receipt already
        using (shared)
        {
            s.SendChainKey = new byte[RatchetKdf.KeyBytes];
            RatchetKdf.Root(s.RootKey, shared.Span, hasKem ? kemSecret : default, s.RootKey, s.SendChainKey);
        }
        CryptographicOperations.ZeroMemory(kemSecret);
        s.PreviousSendChainLength = s.SendMessageNumber;
        s.SendMessageNumber = 0;
        s.NeedsSendStep = false;
    }

    private static void MakeKemOffer(RatchetState s)
    {
        var seed = RandomBytes.Get(MlKem768.SeedBytes);
        using var offer = MlKem768KeyPair.FromSeed(seed);
        s.KemOfferSeed = seed;
        s.KemOfferPublicKey = offer.PublicKey.ToArray();
    }

    /// <summary>XChaCha20-Poly1305 under the message key's derived key and nonce; AD = session AD ‖ header bytes.</summary>
    private static bool Aead(
        ReadOnlySpan<byte> messageKey, byte[] sessionAd, ReadOnlySpan<byte> headerBytes, ReadOnlySpan<byte> input, Span<byte> output, bool encrypt)
    {
        Span<byte> key = stackalloc byte[XChaCha20Poly1305.KeyBytes];
        Span<byte> nonce = stackalloc byte[XChaCha20Poly1305.NonceBytes];
        var ad = new byte[sessionAd.Length + headerBytes.Length];
        sessionAd.CopyTo(ad, 0);
        headerBytes.CopyTo(ad.AsSpan(sessionAd.Length));
        try
        {
            RatchetKdf.MessageKeys(messageKey, key, nonce);
            if (encrypt)
            {
                XChaCha20Poly1305.Encrypt(key, nonce, input, ad, output);
                return true;
            }
            return XChaCha20Poly1305.Decrypt(key, nonce, input, ad, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Zeroes the session's secrets.</summary>
    public void Dispose() => _state.Wipe();

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"RatchetSession(send {_state.SendMessageNumber}, receive {_state.ReceiveMessageNumber}, skipped {_state.Skipped.Count})";
}
