using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.V2;

/// <summary>Why a v2 message could not be opened.</summary>
public enum V2OpenFailure
{
    /// <summary>Does not start with 00 01 or 00 02: not a v2 message (a v1 message, for instance).</summary>
    NotV2 = 1,

    /// <summary>Shorter than the 1536 bytes every v2 message has.</summary>
    TooShort,

    /// <summary>Longer than any stored message can be.</summary>
    TooLong,

    /// <summary>The key indicator matches none of the account keys held, and the non-forward-secret fallback failed too.</summary>
    NoKeyMatches,

    /// <summary>A key matched but the body did not decrypt (wrong key, or altered in transit), nor did the fallback.</summary>
    DecryptionFailed,

    /// <summary>The body decrypted but is not the expected dict (S, c, ~).</summary>
    Malformed,

    /// <summary>S is not a usable Ed25519 key (it has no Account ID).</summary>
    BadSenderKey,

    /// <summary>The sender's signature does not verify.</summary>
    BadSignature,
}

/// <summary>The outcome of <see cref="DirectMessageV2.Open"/>: content, sender and how it was sealed, or why it failed.</summary>
public sealed class V2OpenResult
{
    private static readonly IReadOnlyDictionary<string, BencodeValue> s_noExtra = new Dictionary<string, BencodeValue>();

    private V2OpenResult(
        byte[]? content, Ed25519PublicKey? sender, AccountId? senderAccountId, bool forwardSecret, int? accountKeyIndex,
        IReadOnlyDictionary<string, BencodeValue> extra, byte[]? proSignature, V2OpenFailure? failure)
    {
        Content = content;
        Sender = sender;
        SenderAccountId = senderAccountId;
        ForwardSecret = forwardSecret;
        AccountKeyIndex = accountKeyIndex;
        Extra = extra;
        ProSignature = proSignature;
        Failure = failure;
    }

    internal static V2OpenResult Opened(
        byte[] content, Ed25519PublicKey sender, AccountId senderAccountId, int? accountKeyIndex,
        IReadOnlyDictionary<string, BencodeValue> extra, byte[]? proSignature) =>
        new(content, sender, senderAccountId, accountKeyIndex is not null, accountKeyIndex, extra, proSignature, null);

    internal static V2OpenResult Failed(V2OpenFailure failure) => new(null, null, null, false, null, s_noExtra, null, failure);

    /// <summary>True when the message opened and its signature verified.</summary>
    [MemberNotNullWhen(true, nameof(Content), nameof(Sender), nameof(SenderAccountId))]
    public bool Succeeded => Failure is null;

    /// <summary>The content (Session's protobuf Content bytes).</summary>
    public byte[]? Content { get; }

    /// <summary>The sender's Ed25519 key (S).</summary>
    public Ed25519PublicKey? Sender { get; }

    /// <summary>The sender's Account ID, derived from S.</summary>
    public AccountId? SenderAccountId { get; }

    /// <summary>True when one of the account keys opened it; false for the non-forward-secret form (flag it to the user).</summary>
    public bool ForwardSecret { get; }

    /// <summary>Which of the account keys passed to Open opened it (forward-secret messages only).</summary>
    public int? AccountKeyIndex { get; }

    /// <summary>Signed inner-dict keys other than S and c (Wisp's extensions ride here), preserved as read.</summary>
    public IReadOnlyDictionary<string, BencodeValue> Extra { get; }

    /// <summary>The optional Session Pro signature (<c>~P</c>), extracted but not verified.</summary>
    public byte[]? ProSignature { get; }

    /// <summary>Why it failed, when it did.</summary>
    public V2OpenFailure? Failure { get; }

    /// <summary>A short description without content.</summary>
    public override string ToString() =>
        Succeeded ? $"V2OpenResult(from {SenderAccountId}, {(ForwardSecret ? "forward-secret" : "not forward-secret")})" : $"V2OpenResult(failed: {Failure})";
}
