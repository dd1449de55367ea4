using Google.Protobuf;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Protocol.Content;
using ContentMessage = Wisp.Protocol.Content.Content;

namespace Wisp.Protocol.UserConfig;

/// <summary>
/// The legacy protobuf wrapping libsession still puts around a user config it stores (<c>protos::wrap_config</c>), so
/// that older Session clients can read it: the encrypted config goes in a <c>SharedConfigMessage</c> (kind, seqno) inside
/// a <c>Content</c>, followed by a single 0x80 padding byte, sealed deterministically from the account to itself, then
/// put in an <c>Envelope</c> (SESSION_MESSAGE, timestamp 1) inside a <c>WebSocketMessage</c> request.
/// </summary>
internal static class UserConfigWrapping
{
    private const byte PaddingMarker = 0x80;

    public static byte[] Wrap(Ed25519KeyPair account, byte[] encrypted, long seqno, UserConfigKind kind)
    {
        var content = new ContentMessage
        {
            SharedConfigMessage = new SharedConfigMessage
            {
                Kind = ProtoKind(kind),
                Seqno = seqno,
                Data = ByteString.CopyFrom(encrypted),
            },
        };
        // The config is already padded to a multiple of 256, so libsession adds only the mandatory 0x80 byte.
        byte[] padded = [.. content.ToByteArray(), PaddingMarker];
        var sealedContent = SessionSealer.SealDeterministic(account, account.X25519PublicKey, padded);
        // Old clients that unwrap configs themselves require a timestamp above zero.
        var envelope = new Envelope
        {
            Type = Envelope.Types.Type.SessionMessage,
            Timestamp = 1,
            Content = ByteString.CopyFrom(sealedContent),
        };
        var message = new WebSocketMessage
        {
            Type = WebSocketMessage.Types.Type.Request,
            Request = new WebSocketRequestMessage { Verb = "", Path = "", RequestId = 0, Body = envelope.ToByteString() },
        };
        return message.ToByteArray();
    }

    /// <summary>The encrypted config inside <paramref name="stored"/>, or null when it is not a wrapping of ours.</summary>
    public static byte[]? TryUnwrap(Ed25519KeyPair account, ReadOnlySpan<byte> stored, UserConfigKind kind)
    {
        var unwrapped = DirectMessageWrapping.Unwrap(stored);
        if (unwrapped.Envelope is null)
            return null;
        var opened = SessionSealer.Open(account, unwrapped.Envelope.Content.Span);
        if (!opened.Succeeded || !opened.Sender.Equals(account.PublicKey))
            return null; // not sealed by this account: libsession ignores it as a wrapping
        var content = opened.Plaintext.AsSpan();
        if (content.IsEmpty || (content[^1] != 0x00 && content[^1] != PaddingMarker))
            return null;
        var last = content.LastIndexOfAnyExcept((byte)0);
        if (last < 0 || content[last] != PaddingMarker)
            return null;
        ContentMessage parsed;
        try
        {
            parsed = ContentMessage.Parser.ParseFrom(content[..last]);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        if (parsed.SharedConfigMessage is not { } shared || shared.Kind != ProtoKind(kind))
            return null;
        return shared.Data.ToByteArray();
    }

    private static SharedConfigMessage.Types.Kind ProtoKind(UserConfigKind kind) => kind switch
    {
        UserConfigKind.UserProfile => SharedConfigMessage.Types.Kind.UserProfile,
        UserConfigKind.Contacts => SharedConfigMessage.Types.Kind.Contacts,
        UserConfigKind.ConvoInfoVolatile => SharedConfigMessage.Types.Kind.ConvoInfoVolatile,
        UserConfigKind.UserGroups => SharedConfigMessage.Types.Kind.UserGroups,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a user config kind."),
    };
}
