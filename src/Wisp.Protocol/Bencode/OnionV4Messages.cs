namespace Wisp.Protocol.Bencode;

/// <summary>
/// An HTTP request carried through an onion path to a server in the v4 framing:
/// <c>l&lt;len&gt;:{"method","endpoint","headers"}[&lt;len&gt;:&lt;body&gt;]e</c>.
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>GET</c>.</param>
/// <param name="Endpoint">Path on the server; starts with <c>/</c>.</param>
/// <param name="Headers">Request headers (names are case-insensitive to the server).</param>
/// <param name="Body">The body; required for POST and PUT, absent (null) for a request without one.</param>
public sealed record OnionV4Request(string Method, string Endpoint, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte>? Body)
{
    /// <summary>True for the methods whose request must carry a body.</summary>
    public static bool MethodRequiresBody(string method) => method is "POST" or "PUT";
}

/// <summary>
/// A server's reply in the v4 framing: <c>l&lt;len&gt;:{"code","headers"}&lt;len&gt;:&lt;body&gt;e</c>.
/// </summary>
/// <param name="Code">HTTP status code.</param>
/// <param name="Headers">Response headers, lowercase names, without content-length.</param>
/// <param name="Body">The body (empty when the server sent none).</param>
public sealed record OnionV4Response(int Code, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);
