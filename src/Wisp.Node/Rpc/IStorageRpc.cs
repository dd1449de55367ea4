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

/// <summary>Who is calling: used for logs at Debug and nothing else.</summary>
public sealed record RpcCaller(string RemoteAddress);

/// <summary>A response: HTTP status and the UTF-8 JSON body (errors too are JSON a person can act on).</summary>
public sealed record RpcResponse(int Status, byte[] Body);
