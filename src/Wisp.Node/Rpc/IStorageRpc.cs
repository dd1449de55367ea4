namespace Wisp.Node.Rpc;

/// <summary>
/// The storage RPC behind <c>POST /storage_rpc/v1</c> (and, later, the onion destination): takes the raw JSON
/// body and returns a status and a JSON body. The HTTP host has already capped the body size and applied the rate
/// limit; everything after that (parse, authentication, semantics) happens here.
/// </summary>
public interface IStorageRpc
{
    /// <summary>Handles one request body (<c>{"method":…,"params":{…}}</c>).</summary>
    Task<RpcResponse> HandleAsync(ReadOnlyMemory<byte> body, RpcCaller caller, CancellationToken cancellationToken);
}

/// <summary>
/// Who is calling: the address is used for logs at Debug and nothing else. <see cref="ForwardedBy"/> is set when an
/// authenticated swarm peer forwarded a client's request: then only recursive methods are served, with Session's
/// ±70 s tolerance for the client's signature, and the request is not forwarded again.
/// </summary>
public sealed record RpcCaller(string RemoteAddress)
{
    /// <summary>The swarm peer that forwarded the request, or null for a client's own request.</summary>
    public Wisp.Crypto.Keys.Ed25519PublicKey? ForwardedBy { get; init; }
}

/// <summary>A response: HTTP status and the UTF-8 JSON body (errors too are JSON a person can act on).</summary>
public sealed record RpcResponse(int Status, byte[] Body);
