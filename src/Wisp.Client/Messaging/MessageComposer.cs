using Wisp.Client.Keys;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;
using Wisp.Protocol.V2;

namespace Wisp.Client.Messaging;

/// <summary>
/// Turns a <see cref="Content"/> into the bytes stored in the recipient's swarm, as Session does (DESIGN §1, "1:1
/// message v1"): serialize → pad to 160-byte blocks → sign and seal to the recipient (Session protocol v1) → wrap in an
/// Envelope inside a WebSocketMessage; or, to a recipient with published v2 keys, <see cref="ComposeV2"/>. Pure: the
/// timestamp is the caller's (the network clock's).
/// </summary>
internal static class MessageComposer
{
    /// <summary>Bytes of Session's <c>proSig</c>: newer Session builds always send 64, a random decoy without Pro.</summary>
    public const int ProSignatureBytes = 64;

    /// <summary>
    /// Composes <paramref name="content"/> from <paramref name="sender"/> to <paramref name="recipient"/>, stamped
    /// <paramref name="sentAtMs"/>. Fails (<see cref="MessageFailure.TooLarge"/>) when the stored bytes would exceed what
    /// a node stores (<see cref="StorageLimits.MaxMessageBytes"/>).
    /// </summary>
    public static ComposeResult Compose(Ed25519KeyPair sender, AccountId recipient, Content content, ulong sentAtMs)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(content);
        var serialized = MessageContent.Serialize(content);
        // Checked before any crypto work: the padded, sealed and wrapped form is always larger than the content.
        if (serialized.Length > StorageLimits.MaxMessageBytes)
            return ComposeResult.Failed(MessageFailure.TooLarge, $"the content is {serialized.Length} bytes; a stored message is at most {StorageLimits.MaxMessageBytes}");
        var padded = MessagePadding.Pad(serialized);
        var sealedContent = SessionSealer.Seal(sender, recipient.X25519PublicKey, padded);
        var stored = DirectMessageWrapping.Wrap(sealedContent, sentAtMs, RandomBytes.Get(ProSignatureBytes));
        return stored.Length > StorageLimits.MaxMessageBytes
            ? ComposeResult.Failed(MessageFailure.TooLarge, $"the message is {stored.Length} bytes once sealed and wrapped; a stored message is at most {StorageLimits.MaxMessageBytes}")
            : ComposeResult.Composed(stored);
    }

    /// <summary>
    /// Seals the Content protobuf <paramref name="serialized"/> in protocol v2 (<c>00 02</c>) to <paramref name="keys"/>,
    /// the recipient's published account keys, after <paramref name="layer"/> (Wisp's ratchet, or plain) had its turn.
    /// v2 has no envelope: the stored bytes are the v2 message itself.
    /// </summary>
    public static ComposeResult ComposeV2(
        Ed25519KeyPair sender, AccountId recipient, AccountKeyBundle keys, byte[] serialized, IV2ContentLayer layer)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(serialized);
        ArgumentNullException.ThrowIfNull(layer);
        if (serialized.Length > StorageLimits.MaxMessageBytes)
            return ComposeResult.Failed(MessageFailure.TooLarge, $"the content is {serialized.Length} bytes; a stored message is at most {StorageLimits.MaxMessageBytes}");
        var inner = layer.Seal(recipient, serialized);
        if (DirectMessageV2.SealedLength(inner.C.Length, inner.Extra) > StorageLimits.MaxMessageBytes)
            return ComposeResult.Failed(MessageFailure.TooLarge, $"the message would be more than {StorageLimits.MaxMessageBytes} bytes once sealed in v2");
        var stored = DirectMessageV2.Seal(sender, recipient, keys, inner.C, inner.Extra.Count == 0 ? null : inner.Extra);
        return ComposeResult.Composed(stored);
    }
}

/// <summary>The outcome of <see cref="MessageComposer.Compose"/>: the bytes to store, or why there are none.</summary>
internal sealed record ComposeResult(byte[]? Stored, MessageFailure Failure, string Detail)
{
    /// <summary>True when <see cref="Stored"/> is set.</summary>
    public bool Ok => Failure == MessageFailure.None;

    internal static ComposeResult Composed(byte[] stored) => new(stored, MessageFailure.None, "composed");

    internal static ComposeResult Failed(MessageFailure failure, string detail) => new(null, failure, detail);
}
