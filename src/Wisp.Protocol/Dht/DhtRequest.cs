using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>
/// A DHT request datagram (dht-rpc's layout with one-byte commands):
/// <c>0x03 | flags u8 | tid u16 LE | to addr(6) | [id 32: f1] | [token 32: f2] | command u8 | [target 32: f8] | [value u16 LE length + bytes: f16]</c>.
/// <c>to</c> is the address the sender sent to, i.e. how it sees the receiver (a NAT sample). <c>id</c> is sent
/// only by persistent nodes and is accepted only if it equals BLAKE2b-256 of the source address. <c>token</c> echoes
/// the receiver's round-trip token (writes need it). Values are at most <see cref="DhtLimits.MaxValueBytes"/>.
/// </summary>
public sealed record DhtRequest(ushort Tid, IPEndPoint To, byte[]? Id, byte[]? Token, DhtCommand Command, byte[]? Target, byte[]? Value)
{
    /// <summary>The first byte: type 0, version 3.</summary>
    public const byte Magic = 0x03;

    private const byte HasId = 1, HasToken = 2, HasTarget = 8, HasValue = 16;

    /// <summary>The request in <paramref name="datagram"/>, or null when it is not one (wrong magic, short, a declared length past the end, oversize value, trailing bytes).</summary>
    public static DhtRequest? Parse(ReadOnlySpan<byte> datagram)
    {
        var r = new DhtWireReader(datagram);
        if (!r.TryByte(out var magic) || magic != Magic || !r.TryByte(out var flags) || !r.TryU16(out var tid) || !r.TryAddress(out var to))
            return null;
        byte[]? id = null, token = null, target = null, value = null;
        if ((flags & HasId) != 0 && !r.TryBytes(DhtLimits.IdBytes, out id)) return null;
        if ((flags & HasToken) != 0 && !r.TryBytes(DhtLimits.IdBytes, out token)) return null;
        if (!r.TryByte(out var command)) return null;
        if ((flags & HasTarget) != 0 && !r.TryBytes(DhtLimits.IdBytes, out target)) return null;
        if ((flags & HasValue) != 0 && (!r.TryBuffer(out value) || value.Length > DhtLimits.MaxValueBytes)) return null;
        if (!r.AtEnd) return null;
        return new DhtRequest(tid, to, id, token, (DhtCommand)command, target, value);
    }

    /// <summary>The datagram's size in bytes.</summary>
    public int Size =>
        1 + 1 + 2 + DhtAddress.Bytes + (Id is null ? 0 : DhtLimits.IdBytes) + (Token is null ? 0 : DhtLimits.IdBytes) + 1
        + (Target is null ? 0 : DhtLimits.IdBytes) + (Value is null ? 0 : 2 + Value.Length);

    /// <summary>The datagram.</summary>
    /// <exception cref="ArgumentException">An id, token or target that is not 32 bytes, or a value over <see cref="DhtLimits.MaxValueBytes"/>.</exception>
    public byte[] Encode()
    {
        CheckId(Id, nameof(Id));
        CheckId(Token, nameof(Token));
        CheckId(Target, nameof(Target));
        if (Value is { Length: > DhtLimits.MaxValueBytes })
            throw new ArgumentException($"A DHT value is at most {DhtLimits.MaxValueBytes} bytes; got {Value.Length}.", nameof(Value));
        var bytes = new byte[Size];
        var w = new DhtWireWriter(bytes);
        w.Byte(Magic);
        w.Byte((byte)((Id is null ? 0 : HasId) | (Token is null ? 0 : HasToken) | (Target is null ? 0 : HasTarget) | (Value is null ? 0 : HasValue)));
        w.U16(Tid);
        w.Address(To);
        if (Id is not null) w.Bytes(Id);
        if (Token is not null) w.Bytes(Token);
        w.Byte((byte)Command);
        if (Target is not null) w.Bytes(Target);
        if (Value is not null) w.Buffer(Value);
        return bytes;
    }

    internal static void CheckId(byte[]? id, string name)
    {
        if (id is not null && id.Length != DhtLimits.IdBytes)
            throw new ArgumentException($"{name} is {DhtLimits.IdBytes} bytes; got {id.Length}.", name);
    }
}
