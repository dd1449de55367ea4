namespace Wisp.Protocol.Content;

/// <summary>Why stored bytes could not be unwrapped into an <see cref="Wisp.Protocol.Content.Envelope"/>.</summary>
public enum UnwrapError
{
    /// <summary>Unwrapped.</summary>
    None,
    /// <summary>No bytes at all.</summary>
    Empty,
    /// <summary>The bytes are not a <see cref="WebSocketMessage"/> protobuf.</summary>
    MalformedWrapper,
    /// <summary>The wrapper is not a REQUEST carrying a request message.</summary>
    NotARequest,
    /// <summary>The request has no body.</summary>
    MissingEnvelope,
    /// <summary>The body is not an <see cref="Wisp.Protocol.Content.Envelope"/>, or lacks its type or timestamp.</summary>
    MalformedEnvelope,
    /// <summary>The envelope carries no content.</summary>
    MissingContent,
}

/// <summary>The outcome of <see cref="DirectMessageWrapping.Unwrap"/>: an envelope, or the reason there is none.</summary>
public readonly record struct UnwrapResult(Envelope? Envelope, UnwrapError Error)
{
    /// <summary>True when <see cref="Envelope"/> is set.</summary>
    public bool Ok => Error == UnwrapError.None;

    /// <summary>A sentence saying what was wrong, fit to show a developer.</summary>
    public string Describe() => Error switch
    {
        UnwrapError.None => "unwrapped",
        UnwrapError.Empty => "the stored message is empty",
        UnwrapError.MalformedWrapper => "the stored message is not a WebSocketMessage protobuf",
        UnwrapError.NotARequest => "the WebSocketMessage is not a REQUEST with a request",
        UnwrapError.MissingEnvelope => "the request carries no envelope body",
        UnwrapError.MalformedEnvelope => "the request body is not an Envelope with a type and timestamp",
        UnwrapError.MissingContent => "the envelope carries no content",
        _ => "unknown error",
    };
}
