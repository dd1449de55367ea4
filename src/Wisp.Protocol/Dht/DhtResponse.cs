using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>
/// A DHT response datagram:
/// <c>0x13 | flags u8 | tid u16 LE | to addr(6) | [id 32: f1] | [token 32: f2] | [closer nodes: u8 count ≤ 20 + addr(6) each: f4] | [error u8: f8] | [value u16 LE length + bytes: f16]</c>.
/// <c>to</c> is the requester's address as the responder saw it (a NAT sample). Closer nodes are bare addresses: a
/// node's id is the hash of its address, so the requester computes it.
/// </summary>
public sealed record DhtResponse(ushort Tid, IPEndPoint To, byte[]? Id, byte[]? Token, IReadOnlyList<IPEndPoint>? CloserNodes, DhtError Error, byte[]? Value)
{
    /// <summary>The first byte: type 1, version 3.</summary>
    public const byte Magic = 0x13;

    private const byte HasId = 1, HasToken = 2, HasCloser = 4, HasError = 8, HasValue = 16;

    /// <summary>The response in <paramref name="datagram"/>, or null when it is not one.</summary>
    public static DhtResponse? Parse(ReadOnlySpan<byte> datagram)
    {
        var r = new DhtWireReader(datagram);
        if (!r.TryByte(out var magic) || magic != Magic || !r.TryByte(out var flags) || !r.TryU16(out var tid) || !r.TryAddress(out var to))
            return null;
        byte[]? id = null, token = null, value = null;
        IPEndPoint[]? closer = null;
        byte error = 0;
        if ((flags & HasId) != 0 && !r.TryBytes(DhtLimits.IdBytes, out id)) return null;
        if ((flags & HasToken) != 0 && !r.TryBytes(DhtLimits.IdBytes, out token)) return null;
        if ((flags & HasCloser) != 0 && !r.TryAddresses(DhtLimits.MaxCloserNodes, out closer)) return null;
        if ((flags & HasError) != 0 && !r.TryByte(out error)) return null;
        if ((flags & HasValue) != 0 && (!r.TryBuffer(out value) || value.Length > DhtLimits.MaxValueBytes)) return null;
        if (!r.AtEnd) return null;
        return new DhtResponse(tid, to, id, token, closer, (DhtError)error, value);
    }

    /// <summary>The datagram's size in bytes.</summary>
    public int Size =>
        1 + 1 + 2 + DhtAddress.Bytes + (Id is null ? 0 : DhtLimits.IdBytes) + (Token is null ? 0 : DhtLimits.IdBytes)
        + (CloserNodes is null ? 0 : 1 + CloserNodes.Count * DhtAddress.Bytes) + (Error == DhtError.None ? 0 : 1)
        + (Value is null ? 0 : 2 + Value.Length);

    /// <summary>The datagram.</summary>
    /// <exception cref="ArgumentException">A field out of its bounds.</exception>
    public byte[] Encode()
    {
        DhtRequest.CheckId(Id, nameof(Id));
        DhtRequest.CheckId(Token, nameof(Token));
        if (CloserNodes is { Count: > DhtLimits.MaxCloserNodes })
            throw new ArgumentException($"At most {DhtLimits.MaxCloserNodes} closer nodes; got {CloserNodes.Count}.", nameof(CloserNodes));
        if (Value is { Length: > DhtLimits.MaxValueBytes })
            throw new ArgumentException($"A DHT value is at most {DhtLimits.MaxValueBytes} bytes; got {Value.Length}.", nameof(Value));
        var bytes = new byte[Size];
        var w = new DhtWireWriter(bytes);
        w.Byte(Magic);
        w.Byte((byte)((Id is null ? 0 : HasId) | (Token is null ? 0 : HasToken) | (CloserNodes is null ? 0 : HasCloser)
            | (Error == DhtError.None ? 0 : HasError) | (Value is null ? 0 : HasValue)));
        w.U16(Tid);
        w.Address(To);
        if (Id is not null) w.Bytes(Id);
        if (Token is not null) w.Bytes(Token);
        if (CloserNodes is not null) w.Addresses(CloserNodes);
        if (Error != DhtError.None) w.Byte((byte)Error);
        if (Value is not null) w.Buffer(Value);
        return bytes;
    }
}
