using System.Net;

namespace Wisp.Protocol.Direct;

/// <summary>How a peer's NAT maps its punch socket (as HyperDHT's nat.js classes it).</summary>
public enum FirewallClass : byte
{
    /// <summary>Not known yet (too few samples).</summary>
    Unknown = 0,
    /// <summary>Reachable as seen: a public address, no NAT filtering.</summary>
    Open = 1,
    /// <summary>The same public port for every destination: punchable by probes.</summary>
    Consistent = 2,
    /// <summary>A new public port per destination: needs random or birthday punching, or a relay.</summary>
    Random = 3,
}

/// <summary>Why a side refuses or defers a handshake; <see cref="None"/> on success.</summary>
public enum HandshakeError : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>The side gave up (e.g. it is closing).</summary>
    Aborted = 1,
    /// <summary>The payload's version is one this side does not speak.</summary>
    VersionMismatch = 2,
    /// <summary>Busy (e.g. random punching throttled): retry later, possibly through the named relay.</summary>
    TryLater = 3,
    /// <summary>The firewall hook refused this remote key.</summary>
    Refused = 4,
}

/// <summary>One DHT node that relays PEER_HOLEPUNCH for the server, and the server's address as that node sees it.</summary>
public sealed record HolepunchRelay(IPEndPoint RelayAddress, IPEndPoint PeerAddress);

/// <summary>The server's punch slot (<paramref name="Id"/>) and the relays through which the client reaches it.</summary>
public sealed record HolepunchInfo(uint Id, IReadOnlyList<HolepunchRelay> Relays);

/// <summary>A blind relay to pair through: its 32-byte public key and the 32-byte random pairing token.</summary>
public sealed record RelayThroughInfo(byte[] PublicKey, byte[] Token)
{
    /// <summary>Length of the public key and of the token.</summary>
    public const int KeyBytes = 32;
}

/// <summary>Why a payload was refused.</summary>
public enum HandshakePayloadReadError
{
    /// <summary>Read fine.</summary>
    None,
    /// <summary>Longer than <see cref="HandshakePayloadLimits.MaxBytes"/>.</summary>
    TooLarge,
    /// <summary>Ends inside a field.</summary>
    Truncated,
    /// <summary>Bytes after the last field.</summary>
    TrailingBytes,
    /// <summary>A flags bit this version does not define.</summary>
    UnknownFlags,
    /// <summary>A number written in more bytes than needed, or too large for its field.</summary>
    BadNumber,
    /// <summary>An error or firewall value this version does not define.</summary>
    BadValue,
    /// <summary>An address family other than 4 or 6.</summary>
    BadAddress,
    /// <summary>A list longer than its limit.</summary>
    TooMany,
}

/// <summary>The outcome of <see cref="HandshakePayload.Read"/>: the payload, or an error and a sentence.</summary>
public sealed record HandshakePayloadResult(HandshakePayload? Payload, HandshakePayloadReadError Error, string Message)
{
    /// <summary>True when <see cref="Payload"/> is set.</summary>
    public bool Ok => Payload is not null;

    internal static HandshakePayloadResult Fail(HandshakePayloadReadError error, string message) => new(null, error, message);
}

/// <summary>Bounds on a handshake payload (a peer writes it; every count is capped before anything is allocated).</summary>
public static class HandshakePayloadLimits
{
    /// <summary>Bytes: the largest payload with every list full is under 900; anything bigger is not Wisp's.</summary>
    public const int MaxBytes = 1024;

    /// <summary>Candidate addresses: public mappings plus LAN addresses; 16 covers a multi-homed host.</summary>
    public const int MaxAddresses = 16;

    /// <summary>Holepunch relays: HyperDHT servers keep a handful of announcers; 8 is ample.</summary>
    public const int MaxRelays = 8;

    /// <summary>Relay addresses offered for a reconnect shortcut; as many as holepunch relays.</summary>
    public const int MaxRelayAddresses = 8;
}
