using Wisp.Crypto.Keys;
using Wisp.Protocol.Onion;

namespace Wisp.Client.Transport;

/// <summary>
/// An HTTP server reached through an onion path (community, file or push server): the last path node POSTs the
/// server's layer to <c>protocol://host:port/target</c>, and the server decrypts it with its own X25519 key.
/// </summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Protocol"><c>https</c> or <c>http</c>.</param>
/// <param name="Key">The server's X25519 key (published with the server's address).</param>
/// <param name="Target">The path called; <c>/oxen/v4/lsrpc</c> for the v4 framing.</param>
internal sealed record OnionServer(string Host, ushort Port, string Protocol, X25519PublicKey Key, string Target = OnionServer.V4Target)
{
    /// <summary>The v4 onion endpoint every current server offers.</summary>
    public const string V4Target = "/oxen/v4/lsrpc";

    /// <summary>Null when a relay would take this server; otherwise why not.</summary>
    public string? Problem() =>
        string.IsNullOrEmpty(Host) ? "the server needs a host"
        : Protocol is not ("https" or "http") ? $"the protocol must be https or http, not \"{Protocol}\""
        : !OnionTargets.IsAllowedServerTarget(Target) ? $"relays only call /loki/…/lsrpc or /oxen/…/lsrpc targets, not \"{Target}\""
        : null;
}
