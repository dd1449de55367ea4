using Wisp.Protocol.Direct;

namespace Wisp.Protocol.Tests.Direct;

public class DirectFrameTests
{
    private static readonly byte[] Transfer = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];
    private static readonly byte[] Digest = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    [Fact]
    public void A_file_offer_carries_its_size_and_digest_after_the_transfer_id()
    {
        var bytes = DirectFrame.FileOffer(Transfer, 0x0102030405, Digest).Encode();

        Assert.Equal(1 + 16 + 8 + 32, bytes.Length);
        Assert.Equal(0x10, bytes[0]);
        Assert.Equal(Transfer, bytes[1..17]);
        Assert.Equal(new byte[] { 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05 }, bytes[17..25]);
        Assert.Equal(Digest, bytes[25..]);
        var read = DirectFrame.TryDecode(bytes, out var error)!;
        Assert.Null(error);
        Assert.Equal((DirectFrameType.FileOffer, 0x0102030405L), (read.Type, read.Total));
        Assert.Equal(Transfer, read.TransferId);
        Assert.Equal(Digest, read.Digest);
    }

    [Theory]
    [InlineData(FileAckState.Receiving, 0u)]
    [InlineData(FileAckState.Receiving, 17u)]
    [InlineData(FileAckState.Stored, 32_768u)]
    [InlineData(FileAckState.Refused, 3u)]
    public void A_file_ack_reads_back_its_count_and_state(FileAckState state, uint received)
    {
        var bytes = DirectFrame.FileAck(Transfer, received, state).Encode();

        Assert.Equal(1 + 16 + 4 + 1, bytes.Length);
        Assert.Equal(0x13, bytes[0]);
        Assert.Equal((byte)state, bytes[^1]);
        var read = DirectFrame.TryDecode(bytes, out var error)!;
        Assert.Null(error);
        Assert.Equal((DirectFrameType.FileAck, received, state), (read.Type, read.Seq, read.AckState));
        Assert.Equal(Transfer, read.TransferId);
    }

    [Fact]
    public void Malformed_file_frames_are_refused_with_why()
    {
        var offer = DirectFrame.FileOffer(Transfer, 10, Digest).Encode();
        var ack = DirectFrame.FileAck(Transfer, 1, FileAckState.Stored).Encode();

        Assert.Contains("wrong length", Refused(offer[..^1])); // the old offer, without a digest, is one of these
        Assert.Contains("wrong length", Refused(offer[..25]));
        Assert.Contains("wrong length", Refused([.. ack, 0]));
        ack[^1] = 3;
        Assert.Contains("unknown state 3", Refused(ack));
        offer[17] = 0x80;
        Assert.Contains("negative size", Refused(offer));
        Assert.Throws<ArgumentException>(() => DirectFrame.FileOffer(Transfer, 10, Digest[..31]).Encode());
        Assert.Throws<ArgumentException>(() => DirectFrame.FileAck(Transfer[..15], 0, FileAckState.Receiving).Encode());
    }

    private static string Refused(byte[] bytes)
    {
        Assert.Null(DirectFrame.TryDecode(bytes, out var error));
        return error!;
    }
}
