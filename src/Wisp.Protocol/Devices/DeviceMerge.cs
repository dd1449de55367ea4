namespace Wisp.Protocol.Devices;

/// <summary>What merging a received payload's device entries changed.</summary>
/// <param name="Changed">Entries that replaced (or were added to) what was held, as they now stand.</param>
/// <param name="Refused">Live records refused because a tombstone for the id is held: the removal should be restated in the next push.</param>
/// <param name="SelfGone">This device's own id arrived as a tombstone: it was removed (or its departure confirmed).</param>
public sealed record DeviceMergeResult(IReadOnlyList<DeviceEntry> Changed, IReadOnlyList<byte[]> Refused, DeviceEntry? SelfGone);

/// <summary>
/// Session's merge of device entries (protocol v2, "Inner device data" and "Removed devices"): entries are ordered by
/// (state, then seqno for a record or the time for a tombstone, then the record's digest) and the greater wins, so
/// the result is the same whatever order messages arrive in. A removal outranks a departure outranks any record; an
/// entry absent from a message changes nothing; a tombstone is kept even for a device never seen; a spent id cannot
/// come back with a higher seqno. A device's own live record is its own to write and is never taken from a message.
/// </summary>
public static class DeviceMerge
{
    /// <summary>Merges <paramref name="incoming"/> into <paramref name="held"/> (keyed by hex id) for the device <paramref name="selfId"/>.</summary>
    public static DeviceMergeResult Merge(IReadOnlyDictionary<string, DeviceEntry> held, IEnumerable<DeviceEntry> incoming, ReadOnlySpan<byte> selfId)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(incoming);
        var changed = new List<DeviceEntry>();
        var refused = new List<byte[]>();
        DeviceEntry? selfGone = null;
        foreach (var entry in incoming)
        {
            var hex = Convert.ToHexStringLower(entry.Id);
            var isSelf = entry.Id.AsSpan().SequenceEqual(selfId);
            held.TryGetValue(hex, out var current);
            if (isSelf && entry.State == DeviceState.Registered)
                continue;
            if (current is not null && !Outranks(entry, current))
            {
                if (entry.State == DeviceState.Registered && current.State is DeviceState.Removed or DeviceState.Left)
                    refused.Add(entry.Id);
                continue;
            }
            // A tombstone keeps the record it replaces, so a removed device can still be shown by name.
            var merged = entry.State is DeviceState.Removed or DeviceState.Left && current?.Record is { } record
                ? entry with { Record = record }
                : entry;
            changed.Add(merged);
            if (isSelf)
                selfGone = merged;
        }
        return new DeviceMergeResult(changed, refused, selfGone);
    }

    /// <summary>True when <paramref name="candidate"/> ranks above <paramref name="current"/>.</summary>
    public static bool Outranks(DeviceEntry candidate, DeviceEntry current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        if (candidate.State != current.State)
            return candidate.State > current.State;
        if (candidate.State is DeviceState.Removed or DeviceState.Left)
            return candidate.GoneAt > current.GoneAt;
        var bySeq = candidate.Record!.Seq.CompareTo(current.Record!.Seq);
        if (bySeq != 0)
            return bySeq > 0;
        // Equal seqno: the digest decides, and a record with no digest (our own) is never displaced.
        return candidate.Digest is not null && current.Digest is not null && candidate.Digest.AsSpan().SequenceCompareTo(current.Digest) > 0;
    }
}
