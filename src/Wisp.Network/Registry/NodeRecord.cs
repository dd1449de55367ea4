using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>
/// What the registry knows of one node: its keys, where to reach it, what it runs, and the registry versions at
/// which it joined and (if it did) left. A node that rejoins gets a new record from its new join.
/// </summary>
/// <param name="Ed25519Key">The node's identity key.</param>
/// <param name="X25519Key">The node's X25519 key, the conversion of <paramref name="Ed25519Key"/>.</param>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">TCP port, 1–65535.</param>
/// <param name="SoftwareVersion">The software version the node last announced.</param>
/// <param name="JoinedAt">The registry version number of its join.</param>
/// <param name="LeftAt">The registry version number of its leave, or null while it is active.</param>
public sealed record NodeRecord(
    Ed25519PublicKey Ed25519Key,
    X25519PublicKey X25519Key,
    string Host,
    int Port,
    string SoftwareVersion,
    long JoinedAt,
    long? LeftAt)
{
    /// <summary>True while the node has not left.</summary>
    public bool IsActive => LeftAt is null;

    /// <summary>"host:port", with IPv6 addresses in brackets.</summary>
    public string Endpoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
