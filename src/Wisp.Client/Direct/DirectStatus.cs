using Wisp.Crypto.Keys;

namespace Wisp.Client.Direct;

/// <summary>Direct mode as it stands in this process, for <c>wisp p2p status</c>.</summary>
/// <param name="Transport">The DHT and NAT.</param>
/// <param name="DeviceKey">This device's direct key.</param>
/// <param name="Sessions">The live sessions.</param>
public sealed record DirectStatus(DirectTransportStatus Transport, X25519PublicKey DeviceKey, IReadOnlyList<DirectSessionView> Sessions)
{
    /// <summary>The live sessions with the account's own other devices.</summary>
    public IReadOnlyList<OwnDeviceSessionView> OwnDeviceSessions { get; init; } = [];
}

/// <summary>One live session with one of the account's own devices.</summary>
/// <param name="DirectKey">The device's direct key, hex (as its device record publishes it).</param>
/// <param name="Path">Direct or relayed.</param>
/// <param name="RemoteAddress">Its address (or the relay's).</param>
/// <param name="Inbound">True when it opened the session.</param>
/// <param name="BytesSent">Bytes sent on it.</param>
/// <param name="BytesReceived">Bytes received on it.</param>
public sealed record OwnDeviceSessionView(string DirectKey, MessagePath Path, string RemoteAddress, bool Inbound, long BytesSent, long BytesReceived);

/// <summary>One live direct session.</summary>
/// <param name="Peer">The contact.</param>
/// <param name="Path">Direct or relayed.</param>
/// <param name="RemoteAddress">Their address (or the relay's).</param>
/// <param name="Inbound">True when they opened it.</param>
/// <param name="BytesSent">Bytes sent on it.</param>
/// <param name="BytesReceived">Bytes received on it.</param>
/// <param name="UpgradedFromRelay">True when it replaced a relayed session once a direct path opened.</param>
public sealed record DirectSessionView(
    AccountId Peer, MessagePath Path, string RemoteAddress, bool Inbound, long BytesSent, long BytesReceived, bool UpgradedFromRelay = false);
