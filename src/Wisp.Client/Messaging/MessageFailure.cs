namespace Wisp.Client.Messaging;

/// <summary>Why a message could not be composed or opened: one value per cause, for the log and for tests.</summary>
internal enum MessageFailure
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>Larger than a node stores (<see cref="Wisp.Protocol.Storage.StorageLimits.MaxMessageBytes"/>).</summary>
    TooLarge,

    /// <summary>Not a WebSocketMessage carrying a SESSION_MESSAGE envelope with content.</summary>
    NotAnEnvelope,

    /// <summary>The sealed box did not open: not addressed to this account, truncated, or altered in transit.</summary>
    DecryptFailed,

    /// <summary>The sender's signature (or its key) does not verify: forged, or re-sealed to another recipient.</summary>
    BadSignature,

    /// <summary>Neither Session padding (content, 0x80, zeros) nor an unpadded protobuf.</summary>
    BadPadding,

    /// <summary>The unpadded bytes are not a <c>Content</c> protobuf.</summary>
    BadProtobuf,

    /// <summary>A well-formed <c>Content</c> that carries nothing a 1:1 conversation understands (no data, receipt or typing).</summary>
    Unsupported,

    /// <summary>
    /// Signed further in the past (or the future) than the client remembers delivered messages
    /// (<see cref="MessagingLimits.DedupeMemory"/>): it may have been shown already, so it is treated as a replay.
    /// </summary>
    Replayed,
}
