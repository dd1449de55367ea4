using Google.Protobuf;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Messaging;

/// <summary>
/// Reads bytes retrieved from the account's swarm back into a verified <see cref="Content"/> and its sender: unwrap →
/// open and verify (Session protocol v1) → unpad → parse. Everything here came from the network, so every failure is a
/// <see cref="MessageFailure"/> with a sentence for the log, never an exception. Cheap checks come first: size, then
/// the wrapper, then the crypto.
/// </summary>
internal static class MessageOpener
{
    /// <summary>Opens <paramref name="stored"/> as a message to <paramref name="recipient"/>.</summary>
    public static OpenOutcome Open(Ed25519KeyPair recipient, ReadOnlySpan<byte> stored)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (stored.Length > StorageLimits.MaxMessageBytes)
            return OpenOutcome.Failed(MessageFailure.TooLarge, $"{stored.Length} bytes, more than a node stores ({StorageLimits.MaxMessageBytes})");

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
        if (content.DataMessage is null && content.ReceiptMessage is null && content.TypingMessage is null && content.UnsendRequest is null)
            return OpenOutcome.Failed(MessageFailure.Unsupported, "the content carries no data, receipt, typing or unsend message");
        return new OpenOutcome(new OpenedMessage(opened.SenderAccountId, content, envelope.Timestamp, contentBytes), MessageFailure.None, "opened");
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
internal sealed record OpenedMessage(AccountId Sender, Content Content, ulong SentAtMs, byte[] ContentBytes);

/// <summary>The outcome of <see cref="MessageOpener.Open"/>: a message, or why there is none.</summary>
internal sealed record OpenOutcome(OpenedMessage? Message, MessageFailure Failure, string Detail)
{
    /// <summary>True when <see cref="Message"/> is set.</summary>
    public bool Ok => Failure == MessageFailure.None;

    internal static OpenOutcome Failed(MessageFailure failure, string detail) => new(null, failure, detail);
}
