using System.Buffers.Binary;
using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>Reads the DHT's fixed-width fields from a datagram; every read checks the bytes left and reports false instead of throwing.</summary>
internal ref struct DhtWireReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _left = bytes;

    public readonly bool AtEnd => _left.IsEmpty;

    public bool TryByte(out byte value)
    {
        value = 0;
        if (_left.Length < 1) return false;
        value = _left[0];
        _left = _left[1..];
        return true;
    }

    public bool TryU16(out ushort value)
    {
        value = 0;
        if (_left.Length < 2) return false;
        value = BinaryPrimitives.ReadUInt16LittleEndian(_left);
        _left = _left[2..];
        return true;
    }

    public bool TryBytes(int count, out byte[] value)
    {
        value = [];
        if (count < 0 || _left.Length < count) return false;
        value = _left[..count].ToArray();
        _left = _left[count..];
        return true;
    }

    /// <summary>A u16-length-prefixed byte string.</summary>
    public bool TryBuffer(out byte[] value)
    {
        value = [];
        return TryU16(out var length) && TryBytes(length, out value);
    }

    public bool TryAddress(out IPEndPoint address)
    {
        address = DhtAddress.Any;
        if (_left.Length < DhtAddress.Bytes) return false;
        address = DhtAddress.Read(_left);
        _left = _left[DhtAddress.Bytes..];
        return true;
    }

    /// <summary>A u8 count of addresses, then the addresses; false when the count exceeds <paramref name="max"/>.</summary>
    public bool TryAddresses(int max, out IPEndPoint[] addresses)
    {
        addresses = [];
        if (!TryByte(out var count) || count > max || _left.Length < count * DhtAddress.Bytes) return false;
        addresses = new IPEndPoint[count];
        for (var i = 0; i < count; i++)
            TryAddress(out addresses[i]);
        return true;
    }
}
