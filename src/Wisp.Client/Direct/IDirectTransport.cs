using Wisp.Crypto.Keys;

namespace Wisp.Client.Direct;

/// <summary>
/// What direct mode needs from the peer-to-peer stack: listen on this device's direct key behind a firewall, connect to
/// a contact's device key, and say how things stand. <c>EndpointTransport</c> puts Wisp.Direct's
/// <c>DirectEndpoint</c> behind it (the DHT, hole punching, Noise, secret streams); unit tests put an in-memory pair.
/// </summary>
internal interface IDirectTransport : IAsyncDisposable
{
    /// <summary>
    /// Starts listening with <paramref name="key"/>: <paramref name="firewall"/> says whether a remote direct key may
    /// connect (only on-contacts' device keys), <paramref name="accepted"/> takes each session a peer opened.
    /// </summary>
    Task StartAsync(Ed25519KeyPair key, Func<ReadOnlyMemory<byte>, bool> firewall, Func<IDirectLink, Task> accepted, CancellationToken cancellationToken);

    /// <summary>Opens a session to the device listening on <paramref name="remoteKey"/>; null with why when it cannot.</summary>
    Task<(IDirectLink? Link, string? Error)> ConnectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken);

    /// <summary>As <see cref="ConnectAsync"/>, but only a straight or punched path will do (never a blind relay).</summary>
    Task<(IDirectLink? Link, string? Error)> ConnectDirectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken);

    /// <summary>The DHT and NAT as this endpoint sees them.</summary>
    DirectTransportStatus Status();
}

/// <summary>One live session with a peer's device: ordered, encrypted frames both ways.</summary>
internal interface IDirectLink : IAsyncDisposable
{
    /// <summary>The peer's direct key (Noise-authenticated).</summary>
    ReadOnlyMemory<byte> RemoteKey { get; }

    /// <summary>Direct, or relayed through a blind relay.</summary>
    MessagePath Path { get; }

    /// <summary>The peer's address as this side sees it ("ip:port"), or the relay's.</summary>
    string RemoteAddress { get; }

    /// <summary>Bytes sent on this session so far (frames, before encryption).</summary>
    long BytesSent { get; }

    /// <summary>Bytes received on this session so far.</summary>
    long BytesReceived { get; }

    /// <summary>Sends one frame.</summary>
    Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>The next frame, or null when the session has ended.</summary>
    Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>The endpoint's view of the DHT and its NAT, for <c>wisp p2p status</c>.</summary>
/// <param name="Listening">True once it listens on the direct key.</param>
/// <param name="DhtNodes">DHT nodes in its routing table.</param>
/// <param name="PublicAddress">Its public address as DHT nodes saw it ("ip:port"), or null while unknown.</param>
/// <param name="NatClass">OPEN, CONSISTENT, RANDOM or UNKNOWN.</param>
/// <param name="Bootstrap">The DHT nodes it bootstrapped from ("host:port").</param>
public sealed record DirectTransportStatus(bool Listening, int DhtNodes, string? PublicAddress, string NatClass, IReadOnlyList<string> Bootstrap);
