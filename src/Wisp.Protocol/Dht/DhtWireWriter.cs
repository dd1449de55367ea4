using System.Buffers.Binary;
using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>Writes the DHT's fixed-width fields into a buffer sized beforehand by the record that writes.</summary>
internal ref struct DhtWireWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _at;

    public readonly int Written => _at;

    public void Byte(byte value) => _buffer[_at++] = value;

    public void U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[_at..], value);
        _at += 2;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_at..]);
        _at += value.Length;
    }

    public void Buffer(ReadOnlySpan<byte> value)
    {
        U16(checked((ushort)value.Length));
        Bytes(value);
    }

    public void Address(IPEndPoint address)
    {
        DhtAddress.Write(address, _buffer[_at..]);
        _at += DhtAddress.Bytes;
    }

    public void Addresses(IReadOnlyList<IPEndPoint> addresses)
    {
        Byte(checked((byte)addresses.Count));
        foreach (var address in addresses)
            Address(address);
    }
}
