namespace Wisp.Protocol.Rpc;

/// <summary>An expected failure of a storage request: the HTTP status and a message the caller can act on.</summary>
public sealed record RpcError(int Status, string Message)
{
    /// <summary>A 400: the request is malformed.</summary>
    public static RpcError BadRequest(string message) => new(RpcStatus.BadRequest, message);
}

/// <summary>The HTTP statuses the storage RPC answers with, as Session's storage server uses them.</summary>
public static class RpcStatus
{
    /// <summary>Success.</summary>
    public const int Ok = 200;
    /// <summary>Malformed request: bad JSON, a missing or mistyped field.</summary>
    public const int BadRequest = 400;
    /// <summary>Signature missing, or not valid for the address.</summary>
    public const int Unauthorized = 401;
    /// <summary>TTL or expiry outside what the namespace allows.</summary>
    public const int Forbidden = 403;
    /// <summary>A delete with <c>"required": true</c> deleted nothing.</summary>
    public const int NotFound = 404;
    /// <summary>A timestamp too far from the node's clock: the client should take the time from the server's <c>t</c>.</summary>
    public const int NotAcceptable = 406;
    /// <summary>Message data larger than the limit.</summary>
    public const int PayloadTooLarge = 413;
    /// <summary>This node's swarm does not serve the address; the body names the swarm that does.</summary>
    public const int MisdirectedRequest = 421;
    /// <summary>Something failed inside the node (logged there; the caller gets no details).</summary>
    public const int InternalServerError = 500;
    /// <summary>The node's storage is full.</summary>
    public const int InsufficientStorage = 507;
}

/// <summary>Either a parsed value or the <see cref="RpcError"/> saying why it could not be parsed.</summary>
public readonly struct ParseResult<T> where T : class
{
    private ParseResult(T? value, RpcError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when parsing succeeded.</summary>
    public T? Value { get; }

    /// <summary>The error, when parsing failed.</summary>
    public RpcError? Error { get; }

    /// <summary>True when <see cref="Value"/> holds the result.</summary>
    public bool IsOk => Error is null;

    public static implicit operator ParseResult<T>(T value) => new(value, null);
    public static implicit operator ParseResult<T>(RpcError error) => new(null, error);
}
