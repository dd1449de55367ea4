using System.Security.Cryptography;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// Everything one party of a ratchet session holds (Signal's state variables, plus Wisp's ML-KEM step). Plain
/// buffers so that a failed decryption can work on a clone and throw it away.
/// </summary>
internal sealed class RatchetState
{
    public byte[] RootKey = new byte[RatchetKdf.KeyBytes];

    /// <summary>DHs: our current ratchet secret key (null for the acceptor until its first send).</summary>
    public byte[]? DhSelfSecret;

    /// <summary>The public half of <see cref="DhSelfSecret"/>, kept so that a send needs no scalar multiplication.</summary>
    public byte[]? DhSelfPublic;

    /// <summary>DHr: the peer's current ratchet public key (null for the opener until its first receive).</summary>
    public byte[]? DhRemote;

    public byte[]? SendChainKey;
    public uint SendMessageNumber;
    public uint PreviousSendChainLength;
    public byte[]? ReceiveChainKey;
    public uint ReceiveMessageNumber;

    /// <summary>A new peer key arrived: our next send starts a new sending chain (Signal's second half, done lazily).</summary>
    public bool NeedsSendStep;

    /// <summary>The encapsulation the current sending chain carries on every message (drops and reordering need it there).</summary>
    public byte[]? SendKemCiphertext;

    /// <summary>The 64-byte seed of our pending ML-KEM offer, carried in every header until answered.</summary>
    public byte[]? KemOfferSeed;

    /// <summary>The public key of that offer (kept beside the seed so a send needs no key generation).</summary>
    public byte[]? KemOfferPublicKey;

    /// <summary>Messages we sent since a KEM secret was last mixed into the root key.</summary>
    public int SentSinceKem;

    /// <summary>The peer's pending offer, which our next sending chain answers.</summary>
    public byte[]? PeerKemPublicKey;

    /// <summary>BLAKE2b of the last offer we answered, so a late copy of it in the same chain is not answered twice.</summary>
    public byte[]? AnsweredPeerKemHash;

    public SkippedMessageKeys Skipped = new();

    /// <summary>Bound into every message's AEAD: both parties' identities, in role order.</summary>
    public byte[] AssociatedData = [];

    public RatchetState Clone() => new()
    {
        RootKey = (byte[])RootKey.Clone(),
        DhSelfSecret = (byte[]?)DhSelfSecret?.Clone(),
        DhSelfPublic = (byte[]?)DhSelfPublic?.Clone(),
        DhRemote = (byte[]?)DhRemote?.Clone(),
        SendChainKey = (byte[]?)SendChainKey?.Clone(),
        SendMessageNumber = SendMessageNumber,
        PreviousSendChainLength = PreviousSendChainLength,
        ReceiveChainKey = (byte[]?)ReceiveChainKey?.Clone(),
        ReceiveMessageNumber = ReceiveMessageNumber,
        NeedsSendStep = NeedsSendStep,
        SendKemCiphertext = (byte[]?)SendKemCiphertext?.Clone(),
        KemOfferSeed = (byte[]?)KemOfferSeed?.Clone(),
        KemOfferPublicKey = (byte[]?)KemOfferPublicKey?.Clone(),
        SentSinceKem = SentSinceKem,
        PeerKemPublicKey = (byte[]?)PeerKemPublicKey?.Clone(),
        AnsweredPeerKemHash = (byte[]?)AnsweredPeerKemHash?.Clone(),
        Skipped = Skipped.Clone(),
        AssociatedData = (byte[])AssociatedData.Clone(),
    };

    /// <summary>Zeroes every secret.</summary>
    public void Wipe()
    {
        CryptographicOperations.ZeroMemory(RootKey);
        if (DhSelfSecret is not null) CryptographicOperations.ZeroMemory(DhSelfSecret);
        if (SendChainKey is not null) CryptographicOperations.ZeroMemory(SendChainKey);
        if (ReceiveChainKey is not null) CryptographicOperations.ZeroMemory(ReceiveChainKey);
        if (KemOfferSeed is not null) CryptographicOperations.ZeroMemory(KemOfferSeed);
        Skipped.Clear();
    }
}
