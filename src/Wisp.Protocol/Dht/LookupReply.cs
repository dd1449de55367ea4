namespace Wisp.Protocol.Dht;

/// <summary>The value of a LOOKUP reply: <c>u8 count ≤ 16 | record × count</c>.</summary>
public sealed record LookupReply(IReadOnlyList<PeerRecordWire> Records)
{
    /// <summary>The reply, or null when the bytes are not one.</summary>
    public static LookupReply? Parse(ReadOnlySpan<byte> bytes)
    {
        var r = new DhtWireReader(bytes);
        if (!r.TryByte(out var count) || count > DhtLimits.MaxLookupRecords) return null;
        var records = new PeerRecordWire[count];
        for (var i = 0; i < count; i++)
            if (!PeerRecordWire.TryRead(ref r, out records[i])) return null;
        return r.AtEnd ? new LookupReply(records) : null;
    }

    /// <summary>The encoded value.</summary>
    public byte[] Encode()
    {
        if (Records.Count > DhtLimits.MaxLookupRecords)
            throw new ArgumentException($"A lookup reply has at most {DhtLimits.MaxLookupRecords} records; got {Records.Count}.", nameof(Records));
        var bytes = new byte[1 + Records.Sum(x => x.Size)];
        var w = new DhtWireWriter(bytes);
        w.Byte((byte)Records.Count);
        foreach (var record in Records)
        {
            record.Check();
            record.Write(ref w);
        }
        return bytes;
    }
}
