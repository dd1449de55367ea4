using System.Net;

namespace Wisp.Protocol.Direct;

/// <summary>
/// What two peers tell each other inside the Noise IK handshake of a direct connection (both messages), modelled on
/// HyperDHT's noise payload:
/// <c>version varint | flags varint | error varint | firewall varint | [holepunch: id varint, count, (relay addr,
/// peer addr)*] f1 | [addresses: count, addr*] f2 | [stream id u32 LE] f4 | [relay through: public key 32, token 32] f8
/// | [relay addresses: count, addr*] f16</c>, where addr = family (4|6) ‖ IP ‖ port u16 LE and varints are
/// compact-encoding's. Unknown flags, trailing bytes and lists over <see cref="HandshakePayloadLimits"/> are refused.
/// </summary>
/// <param name="Version">The payload version; <see cref="CurrentVersion"/> for this layout.</param>
/// <param name="Error">Why the sender refuses or defers; <see cref="HandshakeError.None"/> otherwise.</param>
/// <param name="Firewall">The sender's NAT class for the socket it will punch from.</param>
/// <param name="Addresses">The sender's candidate addresses (public mappings, then LAN), at most 16.</param>
/// <param name="StreamId">The sender's local ReliableStream id: the id the receiver addresses its stream packets to.</param>
/// <param name="Holepunch">The server's punch slot and relays; absent when it is reachable directly.</param>
/// <param name="RelayThrough">A blind relay to pair through, with the pairing token.</param>
/// <param name="RelayAddresses">DHT nodes that relay for the sender, for a faster reconnect; at most 8.</param>
public sealed record HandshakePayload(
    uint Version,
    HandshakeError Error,
    FirewallClass Firewall,
    IReadOnlyList<IPEndPoint> Addresses,
    uint? StreamId = null,
    HolepunchInfo? Holepunch = null,
    RelayThroughInfo? RelayThrough = null,
    IReadOnlyList<IPEndPoint>? RelayAddresses = null)
{
    /// <summary>The version of this layout.</summary>
    public const uint CurrentVersion = 1;

    private const int FlagHolepunch = 1;
    private const int FlagAddresses = 2;
    private const int FlagStreamId = 4;
    private const int FlagRelayThrough = 8;
    private const int FlagRelayAddresses = 16;
    private const int KnownFlags = 31;

    /// <summary>Encodes the payload. Throws <see cref="ArgumentException"/> when a list passes its limit or a key is not 32 bytes.</summary>
    public byte[] Write()
    {
        var flags = 0;
        var size = 0;
        if (Holepunch is not null)
        {
            flags |= FlagHolepunch;
            CheckCount(Holepunch.Relays.Count, HandshakePayloadLimits.MaxRelays, "holepunch relays");
            size += HandshakePayloadCodec.VarintSize(Holepunch.Id) + HandshakePayloadCodec.VarintSize((ulong)Holepunch.Relays.Count);
            foreach (var relay in Holepunch.Relays)
                size += AddressSize(relay.RelayAddress) + AddressSize(relay.PeerAddress);
        }
        if (Addresses.Count > 0)
        {
            flags |= FlagAddresses;
            size += ListSize(Addresses, HandshakePayloadLimits.MaxAddresses, "addresses");
        }
        if (StreamId is not null)
        {
            flags |= FlagStreamId;
            size += 4;
        }
        if (RelayThrough is not null)
        {
            flags |= FlagRelayThrough;
            if (RelayThrough.PublicKey.Length != RelayThroughInfo.KeyBytes || RelayThrough.Token.Length != RelayThroughInfo.KeyBytes)
                throw new ArgumentException("A relay-through public key and token are 32 bytes each.", nameof(RelayThrough));
            size += 2 * RelayThroughInfo.KeyBytes;
        }
        if (RelayAddresses is { Count: > 0 })
        {
            flags |= FlagRelayAddresses;
            size += ListSize(RelayAddresses, HandshakePayloadLimits.MaxRelayAddresses, "relay addresses");
        }
        size += HandshakePayloadCodec.VarintSize(Version) + HandshakePayloadCodec.VarintSize((ulong)flags)
            + HandshakePayloadCodec.VarintSize((ulong)Error) + HandshakePayloadCodec.VarintSize((ulong)Firewall);

        var buffer = new byte[size];
        var at = 0;
        HandshakePayloadCodec.WriteVarint(buffer, ref at, Version);
        HandshakePayloadCodec.WriteVarint(buffer, ref at, (ulong)flags);
        HandshakePayloadCodec.WriteVarint(buffer, ref at, (ulong)Error);
        HandshakePayloadCodec.WriteVarint(buffer, ref at, (ulong)Firewall);
        if (Holepunch is not null)
        {
            HandshakePayloadCodec.WriteVarint(buffer, ref at, Holepunch.Id);
            HandshakePayloadCodec.WriteVarint(buffer, ref at, (ulong)Holepunch.Relays.Count);
            foreach (var relay in Holepunch.Relays)
            {
                HandshakePayloadCodec.WriteAddress(buffer, ref at, relay.RelayAddress);
                HandshakePayloadCodec.WriteAddress(buffer, ref at, relay.PeerAddress);
            }
        }
        if (Addresses.Count > 0)
            WriteList(buffer, ref at, Addresses);
        if (StreamId is { } streamId)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), streamId);
            at += 4;
        }
        if (RelayThrough is not null)
        {
            RelayThrough.PublicKey.CopyTo(buffer, at);
            RelayThrough.Token.CopyTo(buffer, at + RelayThroughInfo.KeyBytes);
            at += 2 * RelayThroughInfo.KeyBytes;
        }
        if (RelayAddresses is { Count: > 0 })
            WriteList(buffer, ref at, RelayAddresses);
        return buffer;
    }

    /// <summary>Reads a payload a peer sent; never throws. Sizes and counts are checked before anything is allocated.</summary>
    public static HandshakePayloadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > HandshakePayloadLimits.MaxBytes)
            return HandshakePayloadResult.Fail(HandshakePayloadReadError.TooLarge, $"a handshake payload is at most {HandshakePayloadLimits.MaxBytes} bytes");
        var reader = new HandshakePayloadReader(bytes);
        var payload = ReadFields(ref reader);
        if (payload is null)
            return HandshakePayloadResult.Fail(reader.Error, Describe(reader.Error));
        if (!reader.AtEnd)
            return HandshakePayloadResult.Fail(HandshakePayloadReadError.TrailingBytes, Describe(HandshakePayloadReadError.TrailingBytes));
        return new HandshakePayloadResult(payload, HandshakePayloadReadError.None, "ok");
    }

    private static HandshakePayload? ReadFields(ref HandshakePayloadReader reader)
    {
        if (!reader.TryUInt32Varint(out var version) || !reader.TryVarint(out var flags)
            || !reader.TryVarint(out var error) || !reader.TryVarint(out var firewall))
            return null;
        if ((flags & ~(ulong)KnownFlags) != 0)
        {
            reader.Fail(HandshakePayloadReadError.UnknownFlags);
            return null;
        }
        if (error > (ulong)HandshakeError.Refused || firewall > (ulong)FirewallClass.Random)
        {
            reader.Fail(HandshakePayloadReadError.BadValue);
            return null;
        }

        HolepunchInfo? holepunch = null;
        if ((flags & FlagHolepunch) != 0)
        {
            if (!reader.TryUInt32Varint(out var id) || !reader.TryCount(HandshakePayloadLimits.MaxRelays, out var count))
                return null;
            var relays = new List<HolepunchRelay>(count);
            for (var i = 0; i < count; i++)
            {
                if (!reader.TryAddress(out var relay) || !reader.TryAddress(out var peer))
                    return null;
                relays.Add(new HolepunchRelay(relay, peer));
            }
            holepunch = new HolepunchInfo(id, relays);
        }
        List<IPEndPoint> addresses = [];
        if ((flags & FlagAddresses) != 0 && !reader.TryAddresses(HandshakePayloadLimits.MaxAddresses, out addresses))
            return null;
        uint? streamId = null;
        if ((flags & FlagStreamId) != 0)
        {
            if (!reader.TryUInt32(out var id))
                return null;
            streamId = id;
        }
        RelayThroughInfo? relayThrough = null;
        if ((flags & FlagRelayThrough) != 0)
        {
            if (!reader.TryBytes(RelayThroughInfo.KeyBytes, out var key) || !reader.TryBytes(RelayThroughInfo.KeyBytes, out var token))
                return null;
            relayThrough = new RelayThroughInfo(key, token);
        }
        List<IPEndPoint>? relayAddresses = null;
        if ((flags & FlagRelayAddresses) != 0 && !reader.TryAddresses(HandshakePayloadLimits.MaxRelayAddresses, out relayAddresses))
            return null;
        return new HandshakePayload(version, (HandshakeError)error, (FirewallClass)firewall, addresses, streamId, holepunch, relayThrough, relayAddresses);
    }

    private static string Describe(HandshakePayloadReadError error) => error switch
    {
        HandshakePayloadReadError.Truncated => "the payload ends inside a field",
        HandshakePayloadReadError.TrailingBytes => "bytes follow the payload's last field",
        HandshakePayloadReadError.UnknownFlags => "the payload sets a flag this version does not define",
        HandshakePayloadReadError.BadNumber => "a number is not in its shortest form or too large for its field",
        HandshakePayloadReadError.BadValue => "an error or firewall value this version does not define",
        HandshakePayloadReadError.BadAddress => "an address family other than 4 or 6",
        HandshakePayloadReadError.TooMany => "a list is longer than its limit",
        _ => "the payload is not valid",
    };

    private static int AddressSize(IPEndPoint address)
    {
        HandshakePayloadCodec.CheckWritable(address);
        return HandshakePayloadCodec.AddressSize(address);
    }

    private static int ListSize(IReadOnlyList<IPEndPoint> list, int max, string what)
    {
        CheckCount(list.Count, max, what);
        var size = HandshakePayloadCodec.VarintSize((ulong)list.Count);
        foreach (var address in list)
            size += AddressSize(address);
        return size;
    }

    private static void WriteList(Span<byte> buffer, ref int at, IReadOnlyList<IPEndPoint> list)
    {
        HandshakePayloadCodec.WriteVarint(buffer, ref at, (ulong)list.Count);
        foreach (var address in list)
            HandshakePayloadCodec.WriteAddress(buffer, ref at, address);
    }

    private static void CheckCount(int count, int max, string what)
    {
        if (count > max)
            throw new ArgumentException($"A handshake payload carries at most {max} {what}; got {count}.", what);
    }
}
