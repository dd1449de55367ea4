using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Sealing;

/// <summary>Why a sealed message could not be opened.</summary>
public enum OpenFailure
{
    /// <summary>Shorter than the 144 bytes of overhead every sealed message carries.</summary>
    TooShort = 1,

    /// <summary>The sealed box did not open: not addressed to this recipient, or altered in transit.</summary>
    DecryptionFailed,

    /// <summary>The embedded sender key is not a usable Ed25519 key (it has no X25519 form, so no Account ID).</summary>
    BadSenderKey,

    /// <summary>The sender's signature over (message ‖ sender key ‖ recipient key) does not verify.</summary>
    BadSignature,
}

/// <summary>The outcome of <see cref="SessionSealer.Open"/>: the plaintext and its sender, or why it failed.</summary>
public sealed class OpenResult
{
    private OpenResult(byte[]? plaintext, Ed25519PublicKey? sender, AccountId? senderAccountId, OpenFailure? failure)
    {
        Plaintext = plaintext;
        Sender = sender;
        SenderAccountId = senderAccountId;
        Failure = failure;
    }

    internal static OpenResult Opened(byte[] plaintext, Ed25519PublicKey sender, AccountId senderAccountId) =>
        new(plaintext, sender, senderAccountId, null);

    internal static OpenResult Failed(OpenFailure failure) => new(null, null, null, failure);

    /// <summary>True when the message opened and its signature verified.</summary>
    [MemberNotNullWhen(true, nameof(Plaintext), nameof(Sender), nameof(SenderAccountId))]
    public bool Succeeded => Failure is null;

    /// <summary>The plaintext (still padded, if the sender padded it), when <see cref="Succeeded"/>.</summary>
    public byte[]? Plaintext { get; }

    /// <summary>The sender's Ed25519 key, when <see cref="Succeeded"/>.</summary>
    public Ed25519PublicKey? Sender { get; }

    /// <summary>The sender's Account ID, when <see cref="Succeeded"/>.</summary>
    public AccountId? SenderAccountId { get; }

    /// <summary>Why opening failed, when it did.</summary>
    public OpenFailure? Failure { get; }

    /// <summary>Says which outcome this is; never prints the plaintext.</summary>
    public override string ToString() =>
        Succeeded ? $"Opened({Plaintext.Length} bytes from {SenderAccountId})" : $"Failed({Failure})";
}
