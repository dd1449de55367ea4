using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// The storage RPC behind <c>POST /storage_rpc/v1</c> and the onion destination: takes the raw JSON body and returns
/// Session's answer — status, body and its content type. The HTTP host has already applied the rate limit; the body
/// cap is checked here as well as at the edge, because an onion destination hands over a body the edge saw only
/// wrapped. Everything after that (parse, authentication, semantics) happens here.
/// </summary>
public interface IStorageRpc
{
    /// <summary>Handles one request body (<c>{"method":…,"params":{…}}</c>).</summary>
    Task<RpcResponse> HandleAsync(ReadOnlyMemory<byte> body, RpcCaller caller, CancellationToken cancellationToken);
}

/// <summary>
/// Who is calling: the address is used for logs at Debug and nothing else. <see cref="ForwardedBy"/> is set when an
/// authenticated swarm peer forwarded a client's request: then only recursive methods are served, in Session's
/// non-recursive form (the node's own entry, without <c>t</c> or <c>hf</c>), and the request is not forwarded again.
/// </summary>
public sealed record RpcCaller(string RemoteAddress)
{
    /// <summary>The swarm peer that forwarded the request, or null for a client's own request.</summary>
    public Wisp.Crypto.Keys.Ed25519PublicKey? ForwardedBy { get; init; }

    /// <summary>
    /// True when the request came out of an onion layer: <see cref="RemoteAddress"/> is then the last relay's, shared by
    /// every client whose path ran through it, so nothing is limited per address.
    /// </summary>
    public bool ViaOnion { get; init; }
}

/// <summary>
/// An answer as it goes on the wire: HTTP status, the UTF-8 body, and its content type (<c>application/json</c>, or
/// <c>text/plain</c> for Session's text error bodies).
/// </summary>
public sealed record RpcResponse(int Status, ReadOnlyMemory<byte> Body, string ContentType)
{
    /// <summary>True for a JSON body.</summary>
    public bool IsJson => ContentType == RpcContentTypes.Json;

    /// <summary>The wire form of <paramref name="reply"/>.</summary>
    public static RpcResponse Of(RpcReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new RpcResponse(reply.Status, reply.BodyMemory(), reply.ContentType);
    }
}
