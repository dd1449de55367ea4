using Wisp.Protocol.Bencode;
using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>The device record's optional direct key <c>wd</c>: written when set, read back, absent from older records.</summary>
public sealed class DeviceRecordDirectKeyTests
{
    private static readonly byte[] DirectKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public void Writes_wd_after_libsessions_keys_and_reads_it_back()
    {
        using var keys = DeviceTestData.Keys(1);
        var record = DeviceTestData.Record(0xAA, keys) with { DirectKey = DirectKey };

        var encoded = DeviceRecordCodec.Encode(record);
        var dict = (BencodeDictionary)BencodeReader.Decode(encoded).Value!;
        Assert.Equal(["#", "@", "M", "X", "d", "t", "v", "wd"], dict.Entries.Select(e => System.Text.Encoding.ASCII.GetString(e.Key.Span)));

        var read = DeviceRecordCodec.TryRead(record.Id, dict, out var error);
        Assert.Null(error);
        Assert.Equal(DirectKey, read!.DirectKey);
        Assert.Empty(read.Extra);
        Assert.Equal(encoded, DeviceRecordCodec.Encode(read));
    }

    [Fact]
    public void A_record_without_wd_reads_with_no_direct_key_and_encodes_as_before()
    {
        using var keys = DeviceTestData.Keys(2);
        var record = DeviceTestData.Record(0xAB, keys);

        var encoded = DeviceRecordCodec.Encode(record);
        Assert.DoesNotContain(Split(encoded), w => w.AsSpan().SequenceEqual("2:wd"u8));
        var read = DeviceRecordCodec.TryRead(record.Id, (BencodeDictionary)BencodeReader.Decode(encoded).Value!, out _);
        Assert.Null(read!.DirectKey);
        Assert.Equal(DeviceRecordCodec.Digest(record), DeviceRecordCodec.Digest(read));
    }

    [Fact]
    public void A_wd_of_the_wrong_size_is_not_used_but_kept_as_it_came()
    {
        using var keys = DeviceTestData.Keys(3);
        var record = DeviceTestData.Record(0xAC, keys) with
        {
            Extra = [KeyValuePair.Create("wd"u8.ToArray(), (BencodeValue)new BencodeString(new byte[5]))],
        };

        var encoded = DeviceRecordCodec.Encode(record);
        var read = DeviceRecordCodec.TryRead(record.Id, (BencodeDictionary)BencodeReader.Decode(encoded).Value!, out var error);
        Assert.Null(error);
        Assert.Null(read!.DirectKey);
        Assert.Equal("wd"u8.ToArray(), Assert.Single(read.Extra).Key);
        Assert.Equal(encoded, DeviceRecordCodec.Encode(read));
    }

    // The encoded record's 2-byte windows prefixed by their length marker, to look for the "2:wd" key.
    private static IEnumerable<byte[]> Split(byte[] encoded)
    {
        for (var i = 0; i + 4 <= encoded.Length; i++)
            yield return encoded[i..(i + 4)];
    }
}
