using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wisp.Protocol.Direct;

/// <summary>
/// The compact encoding the handshake payload uses: varints (≤ 0xFC in one byte, else 0xFD/0xFE/0xFF and a 2/4/8-byte
/// little-endian value, shortest form only) and addresses as family (4 or 6) ‖ IP ‖ port u16 LE.
/// </summary>
internal static class HandshakePayloadCodec
{
    public static int VarintSize(ulong value) => value switch
    {
        <= 0xFC => 1,
        <= 0xFFFF => 3,
        <= 0xFFFFFFFF => 5,
        _ => 9,
    };

    public static int AddressSize(IPEndPoint address) => 1 + (IsV4(address) ? 4 : 16) + 2;

    public static void WriteVarint(Span<byte> buffer, ref int at, ulong value)
    {
        switch (VarintSize(value))
        {
            case 1:
                buffer[at++] = (byte)value;
                break;
            case 3:
                buffer[at++] = 0xFD;
                BinaryPrimitives.WriteUInt16LittleEndian(buffer[at..], (ushort)value);
                at += 2;
                break;
            case 5:
                buffer[at++] = 0xFE;
                BinaryPrimitives.WriteUInt32LittleEndian(buffer[at..], (uint)value);
                at += 4;
                break;
            default:
                buffer[at++] = 0xFF;
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[at..], value);
                at += 8;
                break;
        }
    }

    public static void WriteAddress(Span<byte> buffer, ref int at, IPEndPoint address)
    {
        var v4 = IsV4(address);
        buffer[at++] = v4 ? (byte)4 : (byte)6;
        var ip = v4 ? address.Address.MapToIPv4() : address.Address;
        if (!ip.TryWriteBytes(buffer[at..], out var written))
            throw new ArgumentException($"Cannot write the address {address}.", nameof(address));
        at += written;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[at..], (ushort)address.Port);
        at += 2;
    }

    public static void CheckWritable(IPEndPoint address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException($"Only IPv4 and IPv6 addresses travel in a handshake payload; got {address.AddressFamily}.", nameof(address));
    }

    private static bool IsV4(IPEndPoint address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.Address.IsIPv4MappedToIPv6;
}

/// <summary>A bounded forward reader over a peer's payload; every read checks the bytes left first.</summary>
internal ref struct HandshakePayloadReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    public readonly bool AtEnd => _rest.IsEmpty;

    public HandshakePayloadReadError Error { get; private set; }

    public bool TryVarint(out ulong value)
    {
        value = 0;
        if (_rest.IsEmpty)
            return Fail(HandshakePayloadReadError.Truncated);
        var first = _rest[0];
        var width = first switch { 0xFD => 2, 0xFE => 4, 0xFF => 8, _ => 0 };
        if (width == 0)
        {
            value = first;
            _rest = _rest[1..];
            return true;
        }
        if (_rest.Length < 1 + width)
            return Fail(HandshakePayloadReadError.Truncated);
        var body = _rest.Slice(1, width);
        value = width switch
        {
            2 => BinaryPrimitives.ReadUInt16LittleEndian(body),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(body),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(body),
        };
        _rest = _rest[(1 + width)..];
        // The shortest form only, so that one payload has one encoding.
        return HandshakePayloadCodec.VarintSize(value) == 1 + width || Fail(HandshakePayloadReadError.BadNumber);
    }

    public bool TryUInt32Varint(out uint value)
    {
        value = 0;
        if (!TryVarint(out var wide))
            return false;
        if (wide > uint.MaxValue)
            return Fail(HandshakePayloadReadError.BadNumber);
        value = (uint)wide;
        return true;
    }

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < 4)
            return Fail(HandshakePayloadReadError.Truncated);
        value = BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        _rest = _rest[4..];
        return true;
    }

    public bool TryBytes(int length, out byte[] value)
    {
        value = [];
        if (_rest.Length < length)
            return Fail(HandshakePayloadReadError.Truncated);
        value = _rest[..length].ToArray();
        _rest = _rest[length..];
        return true;
    }

    public bool TryCount(int max, out int count)
    {
        count = 0;
        if (!TryVarint(out var wide))
            return false;
        if (wide > (ulong)max)
            return Fail(HandshakePayloadReadError.TooMany);
        count = (int)wide;
        return true;
    }

    public bool TryAddress(out IPEndPoint address)
    {
        address = null!;
        if (_rest.IsEmpty)
            return Fail(HandshakePayloadReadError.Truncated);
        var ipLength = _rest[0] switch { 4 => 4, 6 => 16, _ => 0 };
        if (ipLength == 0)
            return Fail(HandshakePayloadReadError.BadAddress);
        if (_rest.Length < 1 + ipLength + 2)
            return Fail(HandshakePayloadReadError.Truncated);
        var ip = new IPAddress(_rest.Slice(1, ipLength));
        var port = BinaryPrimitives.ReadUInt16LittleEndian(_rest[(1 + ipLength)..]);
        address = new IPEndPoint(ip, port);
        _rest = _rest[(1 + ipLength + 2)..];
        return true;
    }

    public bool TryAddresses(int max, out List<IPEndPoint> addresses)
    {
        addresses = [];
        if (!TryCount(max, out var count))
            return false;
        addresses.Capacity = count;
        for (var i = 0; i < count; i++)
        {
            if (!TryAddress(out var address))
                return false;
            addresses.Add(address);
        }
        return true;
    }

    public bool Fail(HandshakePayloadReadError error)
    {
        Error = error;
        return false;
    }
}
