using Wisp.Client.Direct;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Tests.Direct;

/// <summary>The agreement's state machine and the two wire records direct mode adds (offer, frame).</summary>
public sealed class DirectProtocolTests
{
    [Theory]
    [InlineData(DirectState.Off, DirectState.Offered)]
    [InlineData(DirectState.Offered, DirectState.Offered)]
    [InlineData(DirectState.Requested, DirectState.On)]
    [InlineData(DirectState.On, DirectState.On)]
    public void Turning_it_on_here_is_on_only_when_they_asked(DirectState before, DirectState after) =>
        Assert.Equal(after, DirectStates.AfterLocalOn(before));

    [Theory]
    [InlineData(DirectState.Off, DirectState.Requested)]
    [InlineData(DirectState.Offered, DirectState.On)]
    [InlineData(DirectState.Requested, DirectState.Requested)]
    [InlineData(DirectState.On, DirectState.On)]
    public void Their_on_is_on_only_when_we_offered(DirectState before, DirectState after) =>
        Assert.Equal(after, DirectStates.AfterTheirOn(before));

    [Theory]
    [InlineData(DirectState.Offered)]
    [InlineData(DirectState.Requested)]
    [InlineData(DirectState.On)]
    public void Off_from_either_side_is_off(DirectState before) => Assert.Equal(DirectState.Off, DirectStates.AfterOff(before));

    [Fact]
    public void An_offer_reads_back_and_any_changed_byte_is_refused()
    {
        using var account = Ed25519KeyPair.Generate();
        using var device = Ed25519KeyPair.Generate();
        var bytes = DirectOffer.Create(DirectOfferKind.On, device.X25519PublicKey.Span, 1_750_000_000_000, account).Encode();

        var read = DirectOffer.TryDecode(bytes, account.AccountId, out var error);
        Assert.Null(error);
        Assert.Equal((DirectOfferKind.On, 1_750_000_000_000L), (read!.Kind, read.TimestampMs));
        Assert.Equal(device.X25519PublicKey.Span.ToArray(), read.DirectKey);
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.Null(DirectOffer.TryDecode(changed, account.AccountId, out _));
        }
        Assert.Null(DirectOffer.TryDecode(bytes.AsSpan(1), account.AccountId, out var shortError));
        Assert.Contains("106 bytes", shortError);
    }

    [Fact]
    public void Frames_read_back_and_malformed_ones_are_refused_with_why()
    {
        byte[] transfer = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];
        DirectFrame[] frames =
        [
            DirectFrame.Message(7, new byte[] { 1, 2, 3 }), DirectFrame.Ack(7), DirectFrame.OnChannel(2, new byte[] { 9 }),
            DirectFrame.FileOffer(transfer, 1234, new byte[32]), DirectFrame.FileChunk(transfer, 3, new byte[] { 4, 5 }), DirectFrame.FileDone(transfer, 4),
            DirectFrame.FileAck(transfer, 4, FileAckState.Stored),
        ];
        foreach (var frame in frames)
        {
            var read = DirectFrame.TryDecode(frame.Encode(), out var error)!;
            Assert.Null(error);
            Assert.Equal((frame.Type, frame.Seq, frame.Channel, frame.Total), (read.Type, read.Seq, read.Channel, read.Total));
            Assert.Equal(frame.Payload.ToArray(), read.Payload.ToArray());
            Assert.Equal(frame.TransferId, read.TransferId);
        }

        Assert.Contains("unknown frame type", Refused([0x7F]));
        Assert.Contains("wrong length", Refused([0x02, 0, 0]));
        Assert.Contains("channel 0", Refused([0x20, 0, 0, 1]));
        Assert.Contains("empty", Refused([]));
        Assert.Contains("more than", Refused(new byte[DirectFrameLimits.MaxFrameBytes + 1]));
    }

    private static string Refused(byte[] bytes)
    {
        Assert.Null(DirectFrame.TryDecode(bytes, out var error));
        return error!;
    }
}
