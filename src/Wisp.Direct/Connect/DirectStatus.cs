using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Direct.Punching;

namespace Wisp.Direct.Connect;

/// <summary>How a session's packets travel.</summary>
public enum DirectPath
{
    /// <summary>Straight between the two peers (a punched or open path).</summary>
    Direct,

    /// <summary>Through a blind relay on a service node (which sees only ciphertext).</summary>
    Relayed,
}

/// <summary>A snapshot of an endpoint for <c>wisp p2p status</c>.</summary>
public sealed record DirectStatus(
    int DhtNodes, IPEndPoint? PublicAddress, NatClass Nat, bool Listening, IReadOnlyList<DirectSessionInfo> Sessions);

/// <summary>One live session in a <see cref="DirectStatus"/>.</summary>
public sealed record DirectSessionInfo(
    X25519PublicKey RemoteKey, DirectPath Path, IPEndPoint RemoteEndPoint, bool IsInitiator,
    long BytesSent, long BytesReceived, DateTimeOffset OpenedAt);

/// <summary>A session's counters.</summary>
public sealed record DirectSessionStats(long BytesSent, long BytesReceived, long FramesSent, long FramesReceived, DateTimeOffset OpenedAt);

/// <summary>Why a connect failed.</summary>
public enum DirectConnectError
{
    /// <summary>No DHT node knows the remote key (it is not listening, or not yet announced).</summary>
    NotFound,

    /// <summary>The remote's firewall hook refused us, or it answered with an error.</summary>
    Refused,

    /// <summary>The Noise handshake failed (wrong key, tampered, or no answer).</summary>
    HandshakeFailed,

    /// <summary>No direct path opened and no relay is configured.</summary>
    PunchFailed,

    /// <summary>The blind relay did not pair us.</summary>
    RelayFailed,

    /// <summary>The attempt ran out of time.</summary>
    Timeout,
}

/// <summary>A connect that did not produce a session, with the reason.</summary>
public sealed class DirectConnectException(DirectConnectError reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Why.</summary>
    public DirectConnectError Reason { get; } = reason;
}
