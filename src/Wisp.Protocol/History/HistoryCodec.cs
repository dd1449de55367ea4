using System.Buffers;
using System.Buffers.Binary;

namespace Wisp.Protocol.History;

/// <summary>Why a history record could not be read; the message says what was wrong.</summary>
public sealed class HistoryFormatException(string message) : FormatException(message);

/// <summary>
/// Reads the history records' little-endian fields with every declared length checked against the bytes left before
/// anything is allocated.
/// </summary>
internal ref struct HistoryReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public readonly bool AtEnd => _at == _data.Length;

    public byte U8() => Take(1)[0];

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public byte[] Fixed(int length) => Take(length).ToArray();

    /// <summary>A u32 length, at most <paramref name="max"/>, then that many bytes.</summary>
    public byte[] Bytes(int max, string what)
    {
        var length = U32();
        if (length > (uint)max)
            throw new HistoryFormatException($"{what} is {length} bytes; at most {max} are allowed.");
        return Take((int)length).ToArray();
    }

    /// <summary>A u32 count, at most <paramref name="max"/>.</summary>
    public int Count(int max, string what)
    {
        var count = U32();
        if (count > (uint)max)
            throw new HistoryFormatException($"{what}: {count} items; at most {max} are allowed.");
        return (int)count;
    }

    public TreeNode Node() => new(U64(), U64(), Fixed(TreeHashes.HashBytes));

    public readonly void End(string what)
    {
        if (!AtEnd)
            throw new HistoryFormatException($"{what} has {_data.Length - _at} bytes after its end.");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _at)
            throw new HistoryFormatException($"the record ends {length - (_data.Length - _at)} bytes early.");
        var span = _data.Slice(_at, length);
        _at += length;
        return span;
    }
}

/// <summary>Writes the history records' little-endian fields.</summary>
internal sealed class HistoryWriter
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new();

    public HistoryWriter U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public HistoryWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public HistoryWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public HistoryWriter Fixed(ReadOnlySpan<byte> value)
    {
        _buffer.Write(value);
        return this;
    }

    public HistoryWriter Bytes(ReadOnlySpan<byte> value) => U32((uint)value.Length).Fixed(value);

    public HistoryWriter Node(TreeNode node) => U64(node.Index).U64(node.Size).Fixed(node.Hash);

    public HistoryWriter Nodes(IReadOnlyList<TreeNode> nodes)
    {
        U32((uint)nodes.Count);
        foreach (var node in nodes)
            Node(node);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
