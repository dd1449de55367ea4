using System.Net;

namespace Wisp.Protocol.Direct;

/// <summary>What a hole-punch message says; only <see cref="HolepunchFlags"/>-marked parts are present.</summary>
[Flags]
public enum HolepunchFlags : byte
{
    /// <summary>Nothing optional.</summary>
    None = 0,

    /// <summary>The sender already has a direct path (stop punching).</summary>
    Connected = 1,

    /// <summary>The sender is punching now (round two).</summary>
    Punching = 2,

    /// <summary>The client asks the server to pair through the blind relay named in the payload.</summary>
    Relay = 4,
}

/// <summary>Why a hole-punch message ends the attempt (0 = no error).</summary>
public enum HolepunchError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Both NATs randomise ports: no punch can meet; use the relay.</summary>
    DoubleRandomized = 1,

    /// <summary>A random punch is running or ran moments ago: ask again later or use the relay.</summary>
    TryLater = 2,

    /// <summary>The server gave up (timeout, closed, unknown attempt).</summary>
    Aborted = 3,
}

/// <summary>
/// The plaintext of a PEER_HOLEPUNCH value, exchanged in rounds through a DHT node both sides reach:
/// <c>version u8 (1) | flags u8 | error u8 | firewall u8 | round u8 | addresses: count u8 (≤ 8) × address |
/// remote_address: u8 present + address | token: u8 present + 32 | remote_token: u8 present + 32 | relay: u8 present + address + token 32</c>, where an address
/// is <c>family u8 (4|6) | 4 or 16 bytes | port u16 big-endian</c>. <see cref="Firewall"/> carries the sender's NAT
/// class (0 unknown, 1 open, 2 consistent, 3 random). <see cref="Token"/> is the sender's address token for the
/// receiver's host; <see cref="RemoteToken"/> echoes the receiver's token back, proving the sender's host. Sealed
/// with <see cref="HolepunchBox"/>.
/// </summary>
public sealed record HolepunchPayload
{
    /// <summary>Wire version.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Connected / punching.</summary>
    public HolepunchFlags Flags { get; init; }

    /// <summary>Non-zero ends the attempt.</summary>
    public HolepunchError Error { get; init; }

    /// <summary>The sender's NAT class (0 unknown, 1 open, 2 consistent, 3 random).</summary>
    public byte Firewall { get; init; }

    /// <summary>Which round this is (1 probe, 2 punch, more on retries).</summary>
    public byte Round { get; init; }

    /// <summary>Where the sender can be reached: public address(es), then LAN ones; port 0 = port unknown (random NAT).</summary>
    public IReadOnlyList<IPEndPoint> Addresses { get; init; } = [];

    /// <summary>The receiver's address as the sender sees it (lets a consistent receiver start at once).</summary>
    public IPEndPoint? RemoteAddress { get; init; }

    /// <summary>The sender's token for the receiver's host (32 bytes), or null.</summary>
    public byte[]? Token { get; init; }

    /// <summary>The receiver's token, echoed (32 bytes), or null.</summary>
    public byte[]? RemoteToken { get; init; }

    /// <summary>The blind relay to pair through (with <see cref="HolepunchFlags.Relay"/>), or null.</summary>
    public IPEndPoint? RelayAddress { get; init; }

    /// <summary>The 32-byte pairing token for <see cref="RelayAddress"/> (random, chosen by the client), or null.</summary>
    public byte[]? RelayToken { get; init; }
}
