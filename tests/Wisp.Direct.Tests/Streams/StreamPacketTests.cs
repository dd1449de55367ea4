using Wisp.Protocol.Direct;

namespace Wisp.Direct.Tests.Streams;

/// <summary>The stream packet header and the relay control record: exact bytes, round trips, and bounded refusal of bad input.</summary>
public sealed class StreamPacketTests
{
    [Fact]
    public void A_packet_with_sack_blocks_and_payload_round_trips_in_udx_layout()
    {
        var packet = new StreamPacket(StreamPacketType.Data | StreamPacketType.Sack, 0x01020304, 65536, 7, 5, [new SackBlock(9, 12)], [0xAA, 0xBB]);

        var bytes = packet.ToBytes();

        Assert.Equal("FF01050104030201000001000700000005000000090000000C000000AABB", Convert.ToHexString(bytes));
        var read = StreamPacket.TryRead(bytes);
        Assert.NotNull(read);
        Assert.Equal((packet.Type, packet.RemoteId, packet.Window, packet.Seq, packet.Ack), (read.Type, read.RemoteId, read.Window, read.Seq, read.Ack));
        Assert.Equal(packet.Sacks, read.Sacks);
        Assert.Equal(packet.Payload, read.Payload);
    }

    [Theory]
    [InlineData("FE01010000000000000000000000000000000000AA", "wrong magic")]
    [InlineData("FF02010000000000000000000000000000000000AA", "wrong version")]
    [InlineData("FF01400000000000000000000000000000000000AA", "unknown type bit")]
    [InlineData("FF01000000000000000000000000000000000000", "no type")]
    [InlineData("FF010400000000000000000000000000000000", "short header")]
    [InlineData("FF01010000000000000000000000000000000000", "empty DATA")]
    [InlineData("FF01200000000000000000000000000000000000AA", "payload on a PING")]
    [InlineData("FF010101000000000000000000000000000000000000000000000000AA", "SACK count without the SACK flag")]
    [InlineData("FF01040900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "more SACK blocks than allowed")]
    [InlineData("FF010402000000000000000000000000000000000000000000000000", "more SACK blocks than the datagram holds")]
    public void A_malformed_packet_is_refused(string hex, string why)
    {
        Assert.True(StreamPacket.TryRead(Convert.FromHexString(hex)) is null, why);
    }

    [Fact]
    public void An_oversized_datagram_is_refused()
    {
        var bytes = new byte[StreamPacket.MaxDatagramBytes + 1];
        bytes[0] = StreamPacket.Magic;
        bytes[1] = StreamPacket.Version;
        bytes[2] = (byte)StreamPacketType.Data;

        Assert.Null(StreamPacket.TryRead(bytes));
        Assert.False(StreamPacket.TryPeekRemoteId(bytes, out _));
    }

    [Fact]
    public void A_relay_control_record_round_trips_and_bad_ones_are_refused()
    {
        var token = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var bytes = new RelayControl(RelayMessageType.Pair, true, token, 0xDEADBEEF, RelayRefusal.None).ToBytes();

        Assert.Equal("04010101" + Convert.ToHexString(token) + "EFBEADDE00", Convert.ToHexString(bytes));
        Assert.Equal(0xDEADBEEF, RelayControl.TryRead(bytes)!.StreamId);
        Assert.Null(RelayControl.TryRead(bytes[..40]));
        Assert.Null(RelayControl.TryRead([.. bytes[..40], (byte)RelayRefusal.Busy])); // a reason on a PAIR
        Assert.Null(RelayControl.TryRead([.. bytes[..2], 9, .. bytes[3..]]));       // unknown type
        Assert.Null(RelayControl.TryRead([.. bytes[..3], 2, .. bytes[4..]]));       // unknown flag
    }
}
