using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Wisp.Protocol.Direct;

/// <summary>Writes and reads <see cref="HolepunchPayload"/>; a read never throws, it returns false on any flaw.</summary>
public static class HolepunchPayloadCodec
{
    /// <summary>Addresses per payload (8).</summary>
    public const int MaxAddresses = 8;

    /// <summary>Token length (32).</summary>
    public const int TokenBytes = 32;

    /// <summary>The largest encoding (bytes): 5 fixed, 1 + 8·19 addresses, 1 + 19, 1 + 32, 1 + 32, 1 + 19 + 32.</summary>
    public const int MaxBytes = 5 + 1 + MaxAddresses * 19 + 1 + 19 + 1 + TokenBytes + 1 + TokenBytes + 1 + 19 + TokenBytes;

    /// <summary>The encoding of <paramref name="payload"/>; throws on more than 8 addresses or a token of the wrong size.</summary>
    public static byte[] Write(HolepunchPayload payload)
    {
        if (payload.Addresses.Count > MaxAddresses)
            throw new ArgumentException($"At most {MaxAddresses} addresses.", nameof(payload));
        if (payload.Token is { Length: not TokenBytes } || payload.RemoteToken is { Length: not TokenBytes }
            || payload.RelayToken is { Length: not TokenBytes } || (payload.RelayAddress is null) != (payload.RelayToken is null))
            throw new ArgumentException($"Tokens are {TokenBytes} bytes.", nameof(payload));
        var buffer = new byte[MaxBytes];
        var at = 0;
        buffer[at++] = HolepunchPayload.CurrentVersion;
        buffer[at++] = (byte)payload.Flags;
        buffer[at++] = (byte)payload.Error;
        buffer[at++] = payload.Firewall;
        buffer[at++] = payload.Round;
        buffer[at++] = (byte)payload.Addresses.Count;
        foreach (var address in payload.Addresses) at += WriteAddress(buffer.AsSpan(at), address);
        buffer[at++] = payload.RemoteAddress is null ? (byte)0 : (byte)1;
        if (payload.RemoteAddress is not null) at += WriteAddress(buffer.AsSpan(at), payload.RemoteAddress);
        at += WriteOptional(buffer.AsSpan(at), payload.Token);
        at += WriteOptional(buffer.AsSpan(at), payload.RemoteToken);
        buffer[at++] = payload.RelayAddress is null ? (byte)0 : (byte)1;
        if (payload.RelayAddress is not null)
        {
            at += WriteAddress(buffer.AsSpan(at), payload.RelayAddress);
            payload.RelayToken!.CopyTo(buffer.AsSpan(at));
            at += TokenBytes;
        }
        return buffer[..at];
    }

    /// <summary>Reads a payload; false on a wrong version, a short or overlong buffer, or a bad field.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(true)] out HolepunchPayload? payload)
    {
        payload = null;
        if (data.Length < 9 || data[0] != HolepunchPayload.CurrentVersion) return false;
        var at = 5;
        int count = data[at++];
        if (count > MaxAddresses) return false;
        var addresses = new List<IPEndPoint>(count);
        for (var i = 0; i < count; i++)
        {
            if (!TryReadAddress(data[at..], out var address, out var used)) return false;
            addresses.Add(address);
            at += used;
        }
        IPEndPoint? remote = null;
        if (!TryReadPresence(data, ref at, out var hasRemote)) return false;
        if (hasRemote)
        {
            if (!TryReadAddress(data[at..], out remote, out var used)) return false;
            at += used;
        }
        if (!TryReadToken(data, ref at, out var token) || !TryReadToken(data, ref at, out var remoteToken)) return false;
        IPEndPoint? relay = null;
        byte[]? relayToken = null;
        if (!TryReadPresence(data, ref at, out var hasRelay)) return false;
        if (hasRelay)
        {
            if (!TryReadAddress(data[at..], out relay, out var used) || data.Length - at - used < TokenBytes) return false;
            at += used;
            relayToken = data.Slice(at, TokenBytes).ToArray();
            at += TokenBytes;
        }
        if (at != data.Length) return false;
        payload = new HolepunchPayload
        {
            Flags = (HolepunchFlags)data[1],
            Error = (HolepunchError)data[2],
            Firewall = data[3],
            Round = data[4],
            Addresses = addresses,
            RemoteAddress = remote,
            Token = token,
            RemoteToken = remoteToken,
            RelayAddress = relay,
            RelayToken = relayToken,
        };
        return true;
    }

    /// <summary>Writes one address (family, bytes, port); returns the bytes used.</summary>
    public static int WriteAddress(Span<byte> into, IPEndPoint address)
    {
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var ip = address.Address.IsIPv4MappedToIPv6 ? address.Address.MapToIPv4() : address.Address;
        v4 |= ip.AddressFamily == AddressFamily.InterNetwork;
        into[0] = v4 ? (byte)4 : (byte)6;
        var length = v4 ? 4 : 16;
        if (!ip.TryWriteBytes(into.Slice(1, length), out _))
            throw new ArgumentException("Address does not fit its family.", nameof(address));
        BinaryPrimitives.WriteUInt16BigEndian(into[(1 + length)..], (ushort)address.Port);
        return 1 + length + 2;
    }

    /// <summary>Reads one address; false when short or of an unknown family.</summary>
    public static bool TryReadAddress(ReadOnlySpan<byte> data, [NotNullWhen(true)] out IPEndPoint? address, out int used)
    {
        address = null;
        used = 0;
        if (data.Length < 1) return false;
        var length = data[0] switch { 4 => 4, 6 => 16, _ => -1 };
        if (length < 0 || data.Length < 1 + length + 2) return false;
        address = new IPEndPoint(new IPAddress(data.Slice(1, length)), BinaryPrimitives.ReadUInt16BigEndian(data[(1 + length)..]));
        used = 1 + length + 2;
        return true;
    }

    private static int WriteOptional(Span<byte> into, byte[]? token)
    {
        into[0] = token is null ? (byte)0 : (byte)1;
        if (token is null) return 1;
        token.CopyTo(into[1..]);
        return 1 + TokenBytes;
    }

    private static bool TryReadPresence(ReadOnlySpan<byte> data, ref int at, out bool present)
    {
        present = false;
        if (at >= data.Length || data[at] > 1) return false;
        present = data[at++] == 1;
        return true;
    }

    private static bool TryReadToken(ReadOnlySpan<byte> data, ref int at, out byte[]? token)
    {
        token = null;
        if (!TryReadPresence(data, ref at, out var present)) return false;
        if (!present) return true;
        if (data.Length - at < TokenBytes) return false;
        token = data.Slice(at, TokenBytes).ToArray();
        at += TokenBytes;
        return true;
    }
}
