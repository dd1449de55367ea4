using System.Net;

namespace Wisp.Direct.Relay;

/// <summary>One side of a pairing: the peer's address, its own stream id, and the relay's id it sends to.</summary>
internal sealed record RelaySide(IPEndPoint Endpoint, uint PeerStreamId, uint RelayId, bool IsInitiator);

/// <summary>A token's pairing at the relay: waiting for its second side, then live until ended, idle or over budget.</summary>
internal sealed class RelayPair(byte[] token, string key, TimeSpan createdAt)
{
    public byte[] Token { get; } = token;

    public string Key { get; } = key;

    public TimeSpan CreatedAt { get; } = createdAt;

    public RelaySide? Initiator { get; set; }

    public RelaySide? Responder { get; set; }

    public bool IsLive => Initiator is not null && Responder is not null;

    public TimeSpan LastActivity { get; set; }

    /// <summary>Bytes forwarded both ways, against the pair's budget.</summary>
    public long Bytes { get; set; }

    public bool Holds(IPEndPoint endpoint) =>
        (Initiator?.Endpoint.Equals(endpoint) ?? false) || (Responder?.Endpoint.Equals(endpoint) ?? false);
}
