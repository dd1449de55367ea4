using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

/// <summary>A handshake the listener answered: its keys and stream, waiting for a path (straight, punched or relayed).</summary>
internal sealed class ServerSlot(
    uint id, X25519PublicKey remote, NoiseTransport keys, ReliableStream stream, HandshakePayload client, IPEndPoint clientSeenAt)
{
    public uint Id { get; } = id;

    public X25519PublicKey Remote { get; } = remote;

    public NoiseTransport Keys { get; } = keys;

    public byte[] PunchKey { get; } = HolepunchBox.DeriveKey(keys.HandshakeHash);

    public ReliableStream Stream { get; } = stream;

    public HandshakePayload Client { get; } = client;

    public IPEndPoint ClientSeenAt { get; } = clientSeenAt;

    /// <summary>The client's host once it echoed our token (only then may random punching aim at it).</summary>
    public IPAddress? VerifiedHost { get; set; }

    /// <summary>Set once: whether packets will come straight or through a relay.</summary>
    public TaskCompletionSource<DirectPath> Path { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends this slot's punching when the path is settled or the slot expires.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>True once a punch started (so a second round-two message does not start another).</summary>
    public bool Punching { get; set; }
}
