using Wisp.Protocol.Bencode;
using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>The inner payload: libsession's bt keys, tombstones, account keys, 2300 + 6400·N padding.</summary>
public sealed class DeviceGroupPayloadTests
{
    [Theory]
    [InlineData(0, 8700)]
    [InlineData(2300, 8700)]
    [InlineData(8700, 8700)]
    [InlineData(8701, 15100)]
    [InlineData(15100, 15100)]
    public void Pads_to_2300_plus_6400_n(int encoded, int padded) => Assert.Equal(padded, DeviceGroupPayload.PaddedLength(encoded));

    [Fact]
    public void Writes_libsessions_keys_and_reads_them_back()
    {
        using var keys = DeviceTestData.Keys(1);
        var record = DeviceTestData.Record(0xAA, keys) with
        {
            Extra = [KeyValuePair.Create("z"u8.ToArray(), (BencodeValue)new BencodeInteger(7))],
        };
        var removed = DeviceEntry.Gone(Enumerable.Repeat((byte)0xBB, 32).ToArray(), DeviceState.Removed, 1_796_000_000);
        var left = DeviceEntry.Gone(Enumerable.Repeat((byte)0xCC, 32).ToArray(), DeviceState.Left, 1_796_000_100);
        var payload = new DeviceGroupPayload([DeviceEntry.Live(record), removed, left], [DeviceTestData.AccountKey(5), DeviceTestData.AccountKey(6, rotated: 1_796_324_100)]);

        var encoded = payload.Encode();
        var dict = (BencodeDictionary)BencodeReader.Decode(encoded).Value!;
        var devices = (BencodeDictionary)dict.Entries.Single(e => e.Key.Span.SequenceEqual("D"u8)).Value;
        var live = (BencodeDictionary)devices.Entries[0].Value;
        Assert.Equal(["#", "@", "M", "X", "d", "t", "v", "z"], live.Entries.Select(e => System.Text.Encoding.ASCII.GetString(e.Key.Span)));
        Assert.Equal(1_796_000_000, ((BencodeInteger)devices.Entries[1].Value).Value);
        Assert.Equal(-1_796_000_100, ((BencodeInteger)devices.Entries[2].Value).Value);

        var read = DeviceGroupPayload.TryDecode(payload.EncodePadded(), out var error);
        Assert.Null(error);
        Assert.NotNull(read);
        Assert.Equal(record.Description, read.Devices[0].Record!.Description);
        Assert.Equal("z"u8.ToArray(), read.Devices[0].Record!.Extra.Single().Key);
        Assert.Equal([DeviceState.Registered, DeviceState.Removed, DeviceState.Left], read.Devices.Select(d => d.State));
        Assert.Equal(1_796_000_100, read.Devices[2].GoneAt);
        Assert.Equal([null, 1_796_324_100L], read.AccountKeys.Select(k => k.Rotated));
        Assert.Equal(encoded, new DeviceGroupPayload(read.Devices, read.AccountKeys).Encode());
    }

    [Theory]
    [InlineData("d1:Dde1:Kli0eee", "an account key needs")]
    [InlineData("d1:Klee", "no \"D\" dict")]
    [InlineData("d1:Dd3:abci5ee1:Klee", "a device id is 3 bytes")]
    public void Rejects_a_malformed_payload_with_the_reason(string bencode, string reason)
    {
        Assert.Null(DeviceGroupPayload.TryDecode(System.Text.Encoding.ASCII.GetBytes(bencode), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_zero_tombstone()
    {
        var bytes = new BencodeDictionary(
        [
            new KeyValuePair<string, BencodeValue>("D", new BencodeDictionary([KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(new byte[32], new BencodeInteger(0))])),
            new KeyValuePair<string, BencodeValue>("K", new BencodeList([])),
        ]);
        Assert.Null(DeviceGroupPayload.TryDecode(BencodeWriter.Encode(bytes), out var error));
        Assert.Contains("tombstone of 0", error, StringComparison.Ordinal);
    }
}
