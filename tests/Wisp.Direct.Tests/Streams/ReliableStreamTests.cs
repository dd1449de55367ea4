using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;
using Wisp.Testing;

namespace Wisp.Direct.Tests.Streams;

/// <summary>ReliableStream over a seeded lossy, duplicating, reordering network: delivery, flow control, ends and errors.</summary>
public sealed class ReliableStreamTests
{
    private readonly CancellationTokenSource _timeout = TestTimeout.Start();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_megabyte_each_way_arrives_exact_and_in_order_at_ten_percent_loss()
    {
        await using var network = new LossyNetwork(seed: 20, loss: 0.10, duplicate: 0.03, reorder: 0.05);
        var (a, b, _, _) = StreamPair.Connect(network);
        var there = StreamPair.Bytes(1 << 20, seed: 1);
        var back = StreamPair.Bytes(1 << 20, seed: 2);

        var readAtB = StreamPair.ReadToEndAsync(b, there.Length, Ct);
        var readAtA = StreamPair.ReadToEndAsync(a, back.Length, Ct);
        await Task.WhenAll(WriteAndEndAsync(a, there), WriteAndEndAsync(b, back));

        Assert.Equal(there, await readAtB);
        Assert.Equal(back, await readAtA);
        Assert.True(a.Stats.Retransmits > 0 && b.Stats.Retransmits > 0, "10% loss must have cost retransmissions");
        Assert.NotNull(a.Stats.SmoothedRtt);
    }

    [Fact]
    public async Task A_slow_reader_bounds_what_the_sender_buffers()
    {
        await using var network = new LossyNetwork(seed: 3, loss: 0.05);
        var options = StreamPair.Fast with { MaxSendBufferBytes = 32 * 1024, MaxReceiveBufferBytes = 16 * 1024 };
        var (a, b, _, _) = StreamPair.Connect(network, options);
        var data = StreamPair.Bytes(400 * 1024, seed: 4);

        var writing = WriteAndEndAsync(a, data);
        await Eventually.TrueAsync(() => Task.FromResult(
            b.Stats.ReceiveBufferedBytes > options.MaxReceiveBufferBytes - StreamPacket.MaxPayloadBytes
            && a.Stats.SendBufferedBytes == options.MaxSendBufferBytes), "both buffers full while nobody reads");

        Assert.False(writing.IsCompleted);
        Assert.True(a.Stats.SendBufferedBytes <= options.MaxSendBufferBytes);
        Assert.True(b.Stats.ReceiveBufferedBytes <= options.MaxReceiveBufferBytes);
        Assert.Equal(data, await StreamPair.ReadToEndAsync(b, data.Length, Ct));
        await writing;
    }

    [Fact]
    public async Task End_arrives_after_all_data_and_two_ends_close_the_stream_in_order()
    {
        await using var network = new LossyNetwork(seed: 5, loss: 0.10, reorder: 0.1);
        var (a, b, _, _) = StreamPair.Connect(network);
        var data = StreamPair.Bytes(50_000, seed: 6);

        await WriteAndEndAsync(a, data);
        Assert.Equal(data, await StreamPair.ReadToEndAsync(b, data.Length, Ct));
        Assert.Equal(0, await b.ReadAsync(new byte[10], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await a.WriteAsync(new byte[1], Ct));
        await b.EndAsync(Ct);
        Assert.Equal(0, await a.ReadAsync(new byte[10], Ct));

        await Eventually.TrueAsync(() => Task.FromResult(a.CloseReason == StreamCloseReason.Ended && b.CloseReason == StreamCloseReason.Ended),
            "both streams closed in order");
    }

    [Fact]
    public async Task Destroy_fails_the_peers_pending_read_and_later_writes_with_a_clear_error()
    {
        await using var network = new LossyNetwork(seed: 7);
        var (a, b, _, _) = StreamPair.Connect(network);
        await a.WriteAsync(new byte[100], Ct);
        Assert.Equal(100, await ReadExactlyAsync(b, 100));

        var pending = b.ReadAsync(new byte[10], Ct).AsTask();
        a.Destroy();

        var remote = await Assert.ThrowsAsync<StreamClosedException>(() => pending);
        Assert.Equal(StreamCloseReason.DestroyedByRemote, remote.Reason);
        Assert.Equal("the remote destroyed the stream", remote.Message);
        var local = await Assert.ThrowsAsync<StreamClosedException>(async () => await a.WriteAsync(new byte[1], Ct));
        Assert.Equal(StreamCloseReason.DestroyedLocally, local.Reason);
    }

    [Fact]
    public async Task A_peer_that_ends_then_destroys_leaves_every_byte_it_sent_readable()
    {
        await using var network = new LossyNetwork(seed: 8);
        var (a, b, _, _) = StreamPair.Connect(network);
        var data = StreamPair.Bytes(20_000, seed: 9);

        await WriteAndEndAsync(a, data);
        a.Destroy();
        await Eventually.TrueAsync(() => Task.FromResult(b.CloseReason == StreamCloseReason.DestroyedByRemote), "the destroy arrived");

        Assert.Equal(data, await StreamPair.ReadToEndAsync(b, data.Length, Ct));
        Assert.Equal(0, await b.ReadAsync(new byte[10], Ct));
    }

    [Fact]
    public async Task A_silent_peer_ends_the_stream_by_idle_timeout()
    {
        await using var network = new LossyNetwork(seed: 8);
        var options = StreamPair.Fast with { IdleTimeout = TimeSpan.FromMilliseconds(400), KeepAlive = TimeSpan.FromMilliseconds(50) };
        var (a, _, _, peerB) = StreamPair.Connect(network, options);
        await a.WriteAsync(new byte[10], Ct);

        network.Partition(peerB.EndPoint);

        var error = await Assert.ThrowsAsync<StreamClosedException>(() => ReadOnceAsync(a));
        Assert.Equal(StreamCloseReason.IdleTimeout, error.Reason);
    }

    [Fact]
    public async Task Keep_alives_hold_a_quiet_stream_open_past_the_idle_timeout()
    {
        await using var network = new LossyNetwork(seed: 9);
        var options = StreamPair.Fast with { IdleTimeout = TimeSpan.FromSeconds(1), KeepAlive = TimeSpan.FromMilliseconds(50) };
        var (a, b, _, _) = StreamPair.Connect(network, options);

        // each side hears a PING and an ack every 50 ms at most: 80 packets span about twice the idle timeout
        await Eventually.TrueAsync(() => Task.FromResult(b.Stats.PacketsReceived >= 80 && a.Stats.PacketsReceived >= 80), "keep-alives both ways");

        Assert.Equal(StreamCloseReason.None, a.CloseReason);
        Assert.Equal(StreamCloseReason.None, b.CloseReason);
    }

    [Fact]
    public async Task Unacknowledged_data_gives_up_after_repeated_timeouts()
    {
        await using var network = new LossyNetwork(seed: 10);
        var options = StreamPair.Fast with { MaxTimeouts = 3, MaxRto = TimeSpan.FromMilliseconds(200) };
        var (a, _, _, peerB) = StreamPair.Connect(network, options);
        network.Partition(peerB.EndPoint);

        await a.WriteAsync(new byte[5000], Ct);

        var error = await Assert.ThrowsAsync<StreamClosedException>(() => ReadOnceAsync(a));
        Assert.Equal(StreamCloseReason.TimedOut, error.Reason);
        Assert.True(a.Stats.Retransmits >= 2);
    }

    [Fact]
    public async Task Garbage_and_packets_from_strangers_are_ignored()
    {
        await using var network = new LossyNetwork(seed: 11);
        var (a, b, peerA, peerB) = StreamPair.Connect(network);
        var (_, stranger) = network.Attach((_, _) => { });

        stranger.Send(peerB.EndPoint, [0xFF, 1, 2, 3]);
        stranger.Send(peerB.EndPoint, StreamPair.Bytes(300, seed: 12));
        stranger.Send(peerB.EndPoint, new StreamPacket(StreamPacketType.Destroy, b.LocalId, 0, 0, 0, [], []).ToBytes());
        stranger.Send(peerB.EndPoint, new StreamPacket(StreamPacketType.Data, b.LocalId + 1, 0, 0, 0, [], [1]).ToBytes());
        var data = StreamPair.Bytes(20_000, seed: 13);
        await WriteAndEndAsync(a, data);

        Assert.Equal(data, await StreamPair.ReadToEndAsync(b, data.Length, Ct));
        Assert.True(peerB.Mux.Dropped >= 4);
        Assert.Equal(peerA.EndPoint, b.Stats.Remote);
    }

    [Fact]
    public async Task A_stream_waiting_for_its_first_packet_takes_the_address_its_hook_accepts()
    {
        await using var network = new LossyNetwork(seed: 14);
        var peerA = network.AttachStreams(StreamPair.Fast);
        var peerB = network.AttachStreams(StreamPair.Fast);
        var decoy = network.AttachStreams(StreamPair.Fast);
        var a = peerA.Mux.Create();
        var b = peerB.Mux.Create();
        b.ConnectOnFirstPacket(a.LocalId, accept: from => from.Equals(peerA.EndPoint));

        var fromDecoy = decoy.Mux.Create();
        fromDecoy.Connect(peerB.EndPoint, b.LocalId);
        await fromDecoy.WriteAsync(new byte[10], Ct);
        a.Connect(peerB.EndPoint, b.LocalId);
        await WriteAndEndAsync(a, [1, 2, 3]);

        await b.Connected.WaitAsync(Ct);
        Assert.Equal(peerA.EndPoint, b.Stats.Remote);
        Assert.Equal([1, 2, 3], await StreamPair.ReadToEndAsync(b, 3, Ct));
    }

    private async Task WriteAndEndAsync(ReliableStream stream, byte[] data)
    {
        await stream.WriteAsync(data, Ct);
        await stream.EndAsync(Ct);
    }

    private async Task<int> ReadOnceAsync(Stream stream) => await stream.ReadAsync(new byte[10], Ct);

    private async Task<int> ReadExactlyAsync(Stream stream, int count)
    {
        await stream.ReadExactlyAsync(new byte[count], Ct);
        return count;
    }
}
