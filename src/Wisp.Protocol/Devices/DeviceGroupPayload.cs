using System.Text;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Devices;

/// <summary>
/// The plaintext of a group message: <c>D</c>, a dict from 32-byte device id to a record (a live device) or an
/// integer (a tombstone: the removal time, negated for a departure), and <c>K</c>, the account keys
/// (<c>c</c>/<c>r</c>/<c>s</c>). Null-padded to 2300 + 6400·N bytes before encryption; a bt dict ends in <c>e</c>, so
/// trailing zeros are unambiguously padding.
/// </summary>
/// <param name="Devices">Live records and tombstones. Pending devices are never written.</param>
/// <param name="AccountKeys">The account key ring, current key first.</param>
public sealed record DeviceGroupPayload(IReadOnlyList<DeviceEntry> Devices, IReadOnlyList<AccountKeySeedEntry> AccountKeys)
{
    /// <summary>The bt-encoded payload, unpadded.</summary>
    public byte[] Encode()
    {
        var devices = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>();
        foreach (var entry in Devices)
        {
            BencodeValue value = entry.State switch
            {
                DeviceState.Registered => DeviceRecordCodec.ToDictionary(entry.Record!),
                DeviceState.Removed => new BencodeInteger(entry.GoneAt!.Value),
                DeviceState.Left => new BencodeInteger(-entry.GoneAt!.Value),
                _ => throw new ArgumentException("A pending device is never written into a group payload.", nameof(Devices)),
            };
            devices.Add(KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(entry.Id, value));
        }
        var keys = AccountKeys.Select(k =>
        {
            var fields = new List<KeyValuePair<string, BencodeValue>> { new("c", new BencodeInteger(k.Created)), new("s", new BencodeString(k.Seed)) };
            if (k.Rotated is { } r)
                fields.Add(new("r", new BencodeInteger(r)));
            return (BencodeValue)new BencodeDictionary(fields);
        }).ToList();
        return BencodeWriter.Encode(new BencodeDictionary(
        [
            new KeyValuePair<string, BencodeValue>("D", new BencodeDictionary(devices)),
            new KeyValuePair<string, BencodeValue>("K", new BencodeList(keys)),
        ]));
    }

    /// <summary>The padded length of an <paramref name="encodedLength"/>-byte payload: 2300 + 6400·N, N ≥ 1.</summary>
    public static int PaddedLength(int encodedLength)
    {
        var beyond = Math.Max(0, encodedLength - DeviceGroupLimits.AccountKeysAllowance);
        var buckets = Math.Max(1, (beyond + DeviceGroupLimits.PaddingBucket - 1) / DeviceGroupLimits.PaddingBucket);
        return DeviceGroupLimits.AccountKeysAllowance + buckets * DeviceGroupLimits.PaddingBucket;
    }

    /// <summary>The encoded payload padded with zeros.</summary>
    public byte[] EncodePadded()
    {
        var encoded = Encode();
        var padded = new byte[PaddedLength(encoded.Length)];
        encoded.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Reads a padded or unpadded payload; null with why when it is not one.</summary>
    public static DeviceGroupPayload? TryDecode(ReadOnlyMemory<byte> plaintext, out string? error)
    {
        var end = plaintext.Span.LastIndexOfAnyExcept((byte)0) + 1;
        var decoded = BencodeReader.Decode(plaintext[..end]);
        if (decoded.Value is not BencodeDictionary outer)
            return Fail($"the payload is not a bt dict ({decoded.Error})", out error);
        if (!outer.TryGetValue("D", out var d) || d is not BencodeDictionary devices)
            return Fail("the payload has no \"D\" dict", out error);
        if (!outer.TryGetValue("K", out var k) || k is not BencodeList keys)
            return Fail("the payload has no \"K\" list", out error);
        if (keys.Items.Count > DeviceGroupLimits.MaxAccountKeys)
            return Fail($"the payload carries {keys.Items.Count} account keys; at most {DeviceGroupLimits.MaxAccountKeys}", out error);

        var entries = new List<DeviceEntry>(devices.Entries.Count);
        foreach (var (rawId, value) in devices.Entries)
        {
            if (rawId.Length != DeviceGroupLimits.DeviceIdBytes)
                return Fail($"a device id is {rawId.Length} bytes; expected {DeviceGroupLimits.DeviceIdBytes}", out error);
            var id = rawId.ToArray();
            switch (value)
            {
                case BencodeInteger { Value: 0 or long.MinValue }:
                    return Fail("a tombstone of 0 is invalid", out error);
                case BencodeInteger t:
                    entries.Add(DeviceEntry.Gone(id, t.Value > 0 ? DeviceState.Removed : DeviceState.Left, Math.Abs(t.Value)));
                    break;
                case BencodeDictionary record:
                    if (DeviceRecordCodec.TryRead(id, record, out var why) is not { } read)
                        return Fail(why!, out error);
                    entries.Add(new DeviceEntry(id, DeviceState.Registered, read, null, DeviceRecordCodec.Digest(BencodeWriter.Encode(record))));
                    break;
                default:
                    return Fail("a device entry is neither a record nor a tombstone", out error);
            }
        }

        var accountKeys = new List<AccountKeySeedEntry>(keys.Items.Count);
        foreach (var item in keys.Items)
        {
            if (item is not BencodeDictionary key
                || !key.TryGetValue("c", out var c) || c is not BencodeInteger created
                || !key.TryGetValue("s", out var s) || s is not BencodeString { Bytes.Length: 32 } seed)
                return Fail("an account key needs \"c\" and a 32-byte \"s\"", out error);
            long? rotated = key.TryGetValue("r", out var r) && r is BencodeInteger ri ? ri.Value : null;
            accountKeys.Add(new AccountKeySeedEntry(seed.Bytes.ToArray(), created.Value, rotated));
        }
        error = null;
        return new DeviceGroupPayload(entries, accountKeys);
    }

    private static DeviceGroupPayload? Fail(string why, out string? error)
    {
        error = "Invalid device group payload: " + why + ".";
        return null;
    }

    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
