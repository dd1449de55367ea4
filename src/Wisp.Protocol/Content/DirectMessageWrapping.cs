using Google.Protobuf;

namespace Wisp.Protocol.Content;

/// <summary>
/// Wraps a sealed one-to-one ciphertext the way Session stores it in a swarm: an
/// <see cref="Envelope"/> of type SESSION_MESSAGE inside a <see cref="WebSocketMessage"/> REQUEST,
/// and unwraps such bytes back into the envelope without letting a parse exception escape.
/// </summary>
public static class DirectMessageWrapping
{
    /// <summary>Session always writes device 1; multi-device works through config messages instead.</summary>
    public const uint SourceDevice = 1;

    /// <summary>
    /// Builds the bytes to store: <c>WebSocketMessage{type=REQUEST, request{verb="", path="",
    /// requestId=0, body=Envelope{type=SESSION_MESSAGE, sourceDevice=1, timestamp, content}}}</c>.
    /// </summary>
    /// <param name="sealedContent">The padded, signed and sealed <see cref="Content"/>.</param>
    /// <param name="sentTimestampMs">The sender's timestamp in milliseconds since the Unix epoch.</param>
    /// <param name="proSignature">
    /// Session's <c>proSig</c>: newer Session builds always send 64 bytes (a random decoy when the
    /// sender has no Pro proof) so that Pro and non-Pro envelopes look alike. Empty leaves it out.
    /// </param>
    public static byte[] Wrap(ReadOnlySpan<byte> sealedContent, ulong sentTimestampMs, ReadOnlySpan<byte> proSignature = default)
    {
        var envelope = new Envelope
        {
            Type = Envelope.Types.Type.SessionMessage,
            SourceDevice = SourceDevice,
            Timestamp = sentTimestampMs,
            Content = ByteString.CopyFrom(sealedContent),
        };
        if (!proSignature.IsEmpty)
            envelope.ProSig = ByteString.CopyFrom(proSignature);

        var message = new WebSocketMessage
        {
            Type = WebSocketMessage.Types.Type.Request,
            Request = new WebSocketRequestMessage
            {
                Verb = "",
                Path = "",
                RequestId = 0,
                Body = envelope.ToByteString(),
            },
        };
        return message.ToByteArray();
    }

    /// <summary>
    /// Reads stored bytes back into the <see cref="Envelope"/> they carry. Verb, path and request id
    /// are not checked: older Session clients wrote <c>PUT /api/v1/message</c> with a random id.
    /// </summary>
    public static UnwrapResult Unwrap(ReadOnlySpan<byte> stored)
    {
        if (stored.IsEmpty)
            return new UnwrapResult(null, UnwrapError.Empty);
        if (!TryParse(WebSocketMessage.Parser, stored, out var message))
            return new UnwrapResult(null, UnwrapError.MalformedWrapper);
        if (message.Type != WebSocketMessage.Types.Type.Request || message.Request is null)
            return new UnwrapResult(null, UnwrapError.NotARequest);
        if (!message.Request.HasBody)
            return new UnwrapResult(null, UnwrapError.MissingEnvelope);
        if (!TryParse(Envelope.Parser, message.Request.Body.Span, out var envelope))
            return new UnwrapResult(null, UnwrapError.MalformedEnvelope);
        if (!envelope.HasType || !envelope.HasTimestamp)
            return new UnwrapResult(null, UnwrapError.MalformedEnvelope);
        if (!envelope.HasContent || envelope.Content.IsEmpty)
            return new UnwrapResult(null, UnwrapError.MissingContent);
        return new UnwrapResult(envelope, UnwrapError.None);
    }

    // Protobuf reports malformed input (truncation, bad tags, missing required fields, nesting
    // beyond its recursion limit) with InvalidProtocolBufferException; nothing else is expected.
    private static bool TryParse<T>(MessageParser<T> parser, ReadOnlySpan<byte> bytes, out T message)
        where T : IMessage<T>
    {
        try
        {
            message = parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            message = default!;
            return false;
        }
    }
}
