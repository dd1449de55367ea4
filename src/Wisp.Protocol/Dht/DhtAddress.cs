using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wisp.Protocol.Dht;

/// <summary>An IPv4 address and port as the DHT writes it: 4 address bytes in network order, then the port as u16 little-endian (6 bytes, as dht-rpc).</summary>
public static class DhtAddress
{
    /// <summary>Bytes of one address.</summary>
    public const int Bytes = 6;

    /// <summary>0.0.0.0:0, what an unreadable address reads as.</summary>
    public static readonly IPEndPoint Any = new(IPAddress.Any, 0);

    /// <summary>True for an address the DHT can carry (IPv4, or IPv4 mapped into IPv6).</summary>
    public static bool IsCarried(IPEndPoint address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.Address.IsIPv4MappedToIPv6;

    /// <summary>Writes <paramref name="address"/> into the first 6 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Not an IPv4 address.</exception>
    public static void Write(IPEndPoint address, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IsCarried(address))
            throw new ArgumentException($"The DHT carries IPv4 addresses only; got {address}.", nameof(address));
        var ip = address.Address.IsIPv4MappedToIPv6 ? address.Address.MapToIPv4() : address.Address;
        ip.TryWriteBytes(destination, out _);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)address.Port);
    }

    /// <summary>Reads the address in the first 6 bytes of <paramref name="source"/>.</summary>
    public static IPEndPoint Read(ReadOnlySpan<byte> source) =>
        new(new IPAddress(source[..4]), BinaryPrimitives.ReadUInt16LittleEndian(source[4..]));

    /// <summary>The 6 bytes of <paramref name="address"/>.</summary>
    public static byte[] ToBytes(IPEndPoint address)
    {
        var bytes = new byte[Bytes];
        Write(address, bytes);
        return bytes;
    }

    /// <summary>The same address in plain IPv4 form (an IPv4-mapped IPv6 address unmapped), so equal addresses compare equal.</summary>
    public static IPEndPoint Normalize(IPEndPoint address) =>
        address.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(address.Address.MapToIPv4(), address.Port) : address;
}
