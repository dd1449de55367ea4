using Google.Protobuf;
using Wisp.Client.Keys;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;
using Wisp.Protocol.V2;

namespace Wisp.Client.Messaging;

/// <summary>
/// Reads bytes retrieved from the account's swarm back into a verified <see cref="Content"/> and its sender: unwrap →
/// open and verify (Session protocol v1) → unpad → parse. Everything here came from the network, so every failure is a
/// <see cref="MessageFailure"/> with a sentence for the log, never an exception. Cheap checks come first: size, then
/// the wrapper, then the crypto.
/// </summary>
internal static class MessageOpener
{
    /// <summary>Opens <paramref name="stored"/> as a message to <paramref name="recipient"/> (v1, or v2 without account keys).</summary>
    public static OpenOutcome Open(Ed25519KeyPair recipient, ReadOnlySpan<byte> stored) => Open(recipient, stored, null);

    /// <summary>
    /// Opens <paramref name="stored"/> as a message to <paramref name="recipient"/>: a v2 message (<c>00 02</c>, or the
    /// non-PFS <c>00 01</c>) with the account's keys in <paramref name="v2"/>, anything else as v1. The outcome says how
    /// it was sealed.
    /// </summary>
    public static OpenOutcome Open(Ed25519KeyPair recipient, ReadOnlySpan<byte> stored, V2Receiving? v2)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (stored.Length > StorageLimits.MaxMessageBytes)
            return OpenOutcome.Failed(MessageFailure.TooLarge, $"{stored.Length} bytes, more than a node stores ({StorageLimits.MaxMessageBytes})");
        if (DirectMessageV2.LooksLikeV2(stored))
            return OpenV2(recipient, stored, v2);

        var unwrapped = DirectMessageWrapping.Unwrap(stored);
        if (!unwrapped.Ok)
            return OpenOutcome.Failed(MessageFailure.NotAnEnvelope, unwrapped.Describe());
        var envelope = unwrapped.Envelope!;
        if (envelope.Type != Envelope.Types.Type.SessionMessage)
            return OpenOutcome.Failed(MessageFailure.NotAnEnvelope, $"the envelope is of type {envelope.Type}, not SESSION_MESSAGE");

        var opened = SessionSealer.Open(recipient, envelope.Content.Span);
        if (!opened.Succeeded)
        {
            return opened.Failure switch
            {
                OpenFailure.BadSignature or OpenFailure.BadSenderKey =>
                    OpenOutcome.Failed(MessageFailure.BadSignature, $"the sender's signature does not verify ({opened.Failure})"),
                _ => OpenOutcome.Failed(MessageFailure.DecryptFailed, $"the sealed content does not open for this account ({opened.Failure})"),
            };
        }

        if (!TryReadContent(opened.Plaintext, out var content, out var contentBytes, out var failure, out var detail))
            return OpenOutcome.Failed(failure, detail);
        if (content.DataMessage is null && content.ReceiptMessage is null && content.TypingMessage is null && content.UnsendRequest is null
            && !content.HasWispDirect)
            return OpenOutcome.Failed(MessageFailure.Unsupported, "the content carries no data, receipt, typing or unsend message");
        return new OpenOutcome(new OpenedMessage(opened.SenderAccountId, content, envelope.Timestamp, contentBytes), MessageFailure.None, "opened");
    }

    /// <summary>
    /// A v2 message: opened with the account keys (forward-secret) or, failing that, the long-term key (non-PFS); the
    /// content layer (Wisp's ratchet) sees forward-secret ones. Its content is the bare Content protobuf (v2 pads outside it).
    /// </summary>
    private static OpenOutcome OpenV2(Ed25519KeyPair recipient, ReadOnlySpan<byte> stored, V2Receiving? v2)
    {
        var opened = DirectMessageV2.Open(recipient, v2?.Keys() ?? [], stored);
        if (!opened.Succeeded)
        {
            return opened.Failure switch
            {
                V2OpenFailure.BadSignature or V2OpenFailure.BadSenderKey =>
                    OpenOutcome.Failed(MessageFailure.BadSignature, $"the sender's signature does not verify (v2: {opened.Failure})"),
                V2OpenFailure.Malformed or V2OpenFailure.TooShort or V2OpenFailure.TooLong =>
                    OpenOutcome.Failed(MessageFailure.NotAnEnvelope, $"not a well-formed v2 message ({opened.Failure})"),
                _ => OpenOutcome.Failed(MessageFailure.DecryptFailed, $"the v2 message does not open with this account's keys ({opened.Failure})"),
            };
        }
        var sender = opened.SenderAccountId!;
        var contentBytes = opened.Content!;
        if (opened.ForwardSecret && v2?.Layer() is { } layer)
        {
            var unlayered = layer.Open(sender, contentBytes, opened.Extra);
            if (unlayered.Content is null)
                return OpenOutcome.Failed(MessageFailure.DecryptFailed, unlayered.Failure ?? "the content layer could not open it");
            contentBytes = unlayered.Content;
        }
        if (!TryParse(contentBytes, out var content))
            return OpenOutcome.Failed(MessageFailure.BadProtobuf, "the v2 content is not a Content protobuf");
        if (content.DataMessage is null && content.ReceiptMessage is null && content.TypingMessage is null && content.UnsendRequest is null
            && !content.HasWispDirect)
            return OpenOutcome.Failed(MessageFailure.Unsupported, "the content carries no data, receipt, typing or unsend message");
        // v2 has no envelope: the sent time is the one the sender signed inside the content.
        var sentAt = content.HasSigTimestamp ? content.SigTimestamp
            : content.DataMessage is { HasTimestamp: true } data ? data.Timestamp
            : content.TypingMessage is { } typing ? typing.Timestamp : 0UL;
        var message = new OpenedMessage(sender, content, sentAt, contentBytes)
        {
            Sealing = opened.ForwardSecret ? MessageSealing.V2 : MessageSealing.V2NonPfs,
        };
        return new OpenOutcome(message, MessageFailure.None, "opened");
    }

    /// <summary>
    /// Unpads and parses. Session's receivers tolerate unpadded content from old clients, so bytes without padding are
    /// tried whole; only when they do not parse either is the padding blamed.
    /// </summary>
    private static bool TryReadContent(byte[] plaintext, out Content content, out byte[] contentBytes, out MessageFailure failure, out string detail)
    {
        contentBytes = [];
        if (MessagePadding.TryUnpad(plaintext, out var unpadded))
        {
            if (TryParse(unpadded, out content))
            {
                contentBytes = unpadded.ToArray();
                (failure, detail) = (MessageFailure.None, "");
                return true;
            }
            (failure, detail) = (MessageFailure.BadProtobuf, "the unpadded content is not a Content protobuf");
            return false;
        }
        if (TryParse(plaintext, out content))
        {
            contentBytes = plaintext;
            (failure, detail) = (MessageFailure.None, "");
            return true;
        }
        (failure, detail) = (MessageFailure.BadPadding, "the content is neither padded (0x80 then zeros) nor a whole protobuf");
        return false;
    }

    private static bool TryParse(ReadOnlySpan<byte> bytes, out Content content)
    {
        try
        {
            content = Content.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            content = null!;
            return false;
        }
    }
}

/// <summary>A message that opened and verified: who sent it, what it says, and the envelope's timestamp.</summary>
/// <param name="Sender">The sender's Account ID, from the verified signature (never from a field the sender could set freely).</param>
/// <param name="Content">The content.</param>
/// <param name="SentAtMs">The envelope's timestamp, Unix ms (the sender's clock; not signed).</param>
/// <param name="ContentBytes">The content's bytes as the sender signed them (without padding): what deduplicates it.</param>
internal sealed record OpenedMessage(AccountId Sender, Content Content, ulong SentAtMs, byte[] ContentBytes)
{
    /// <summary>How it was sealed: v1 unless it came as v2.</summary>
    public MessageSealing Sealing { get; init; } = MessageSealing.V1;
}

/// <summary>What opening v2 messages needs: the account's keys (current and retained) and the content layer.</summary>
/// <param name="Keys">The expanded account keys, read when a v2 message comes.</param>
/// <param name="Layer">Wisp's layer inside forward-secret v2 (the ratchet) as it is now, or null for none.</param>
internal sealed record V2Receiving(Func<IReadOnlyList<AccountKey>> Keys, Func<IV2ContentLayer?> Layer);

/// <summary>The outcome of <c>MessageOpener.Open</c>: a message, or why there is none.</summary>
internal sealed record OpenOutcome(OpenedMessage? Message, MessageFailure Failure, string Detail)
{
    /// <summary>True when <see cref="Message"/> is set.</summary>
    public bool Ok => Failure == MessageFailure.None;

    internal static OpenOutcome Failed(MessageFailure failure, string detail) => new(null, failure, detail);
}
