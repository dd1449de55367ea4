using System.Diagnostics.CodeAnalysis;

namespace Wisp.Crypto.Ratchet;

/// <summary>Why a ratchet message was refused; the session's state is left exactly as it was.</summary>
public enum RatchetOpenFailure
{
    /// <summary>The session cannot receive yet (no chain to receive on).</summary>
    NotReady = 1,
    /// <summary>The header asks to skip more than <see cref="RatchetLimits.MaxSkipPerStep"/> message keys.</summary>
    TooManySkipped,
    /// <summary>This message's key was already used or dropped: a replay, a duplicate, or too old.</summary>
    Replayed,
    /// <summary>The header's fields are unusable (a low-order DH key, an invalid KEM key, a KEM ciphertext with no offer pending).</summary>
    BadHeader,
    /// <summary>Authentication failed: wrong keys, a forged or altered message.</summary>
    DecryptionFailed,
}

/// <summary>The outcome of opening one ratchet message.</summary>
public sealed class RatchetOpenResult
{
    private RatchetOpenResult(byte[]? plaintext, RatchetOpenFailure? failure)
    {
        Plaintext = plaintext;
        Failure = failure;
    }

    /// <summary>True when the message authenticated and the session advanced.</summary>
    [MemberNotNullWhen(true, nameof(Plaintext))]
    public bool Succeeded => Plaintext is not null;

    /// <summary>The plaintext, when opened.</summary>
    public byte[]? Plaintext { get; }

    /// <summary>Why it was refused, when not opened.</summary>
    public RatchetOpenFailure? Failure { get; }

    internal static RatchetOpenResult Opened(byte[] plaintext) => new(plaintext, null);

    internal static RatchetOpenResult Refused(RatchetOpenFailure failure) => new(null, failure);
}
