using System.Net;
using System.Security.Cryptography;
using Wisp.Direct.Relay;
using Wisp.Direct.Streams;
using Wisp.Direct.Tests.Streams;
using Wisp.Protocol.Direct;
using Wisp.Testing;

namespace Wisp.Direct.Tests.Relay;

/// <summary>The blind relay: pairing by token, forwarding both ways, refusals, bounds, and the upgrade to a direct path.</summary>
public sealed class BlindRelayTests
{
    private readonly CancellationTokenSource _timeout = TestTimeout.Start();

    private CancellationToken Ct => _timeout.Token;

    private static readonly RelayOptions Fast = new()
    {
        PairingTimeout = TimeSpan.FromMilliseconds(300),
        SweepInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Two_peers_with_one_token_talk_both_ways_through_the_relay()
    {
        await using var network = new LossyNetwork(seed: 30, loss: 0.05);
        var (relay, relayAt) = AttachRelay(network, Fast);
        var (a, b) = (Peer.Attach(network), Peer.Attach(network));
        var token = RandomNumberGenerator.GetBytes(32);

        var (streamA, streamB) = await PairAsync(relayAt, token, a, b);
        var there = StreamPair.Bytes(200_000, seed: 31);
        var back = StreamPair.Bytes(150_000, seed: 32);
        var readAtB = StreamPair.ReadToEndAsync(streamB, there.Length, Ct);
        var readAtA = StreamPair.ReadToEndAsync(streamA, back.Length, Ct);
        await Task.WhenAll(WriteAndEndAsync(streamA, there), WriteAndEndAsync(streamB, back));

        Assert.Equal(there, await readAtB);
        Assert.Equal(back, await readAtA);
        Assert.Equal(relayAt, streamA.Stats.Remote);
        Assert.Equal(relayAt, streamB.Stats.Remote);
        Assert.True(relay.Stats.BytesForwarded > there.Length + back.Length);
    }

    [Fact]
    public async Task Unpairing_an_unknown_token_and_pairing_an_expired_one_are_refused()
    {
        await using var network = new LossyNetwork(seed: 33);
        var (relay, relayAt) = AttachRelay(network, Fast);
        var (a, b) = (Peer.Attach(network), Peer.Attach(network));
        var token = RandomNumberGenerator.GetBytes(32);

        var alone = await Assert.ThrowsAsync<RelayRefusedException>(() => a.Relay.PairAsync(relayAt, token, true, 1, Ct));
        Assert.Equal(RelayRefusal.Expired, alone.Reason);
        var late = await Assert.ThrowsAsync<RelayRefusedException>(() => b.Relay.PairAsync(relayAt, token, false, 2, Ct));
        Assert.Equal(RelayRefusal.Expired, late.Reason);

        var refusedBefore = relay.Stats.Refused;
        b.Relay.Unpair(relayAt, RandomNumberGenerator.GetBytes(32), isInitiator: false);
        await Eventually.TrueAsync(() => Task.FromResult(relay.Stats.Refused > refusedBefore), "the unknown unpair refused");
        Assert.Equal(0, relay.Stats.Pairs + relay.Stats.PendingPairs);
    }

    [Fact]
    public async Task A_third_peer_presenting_a_taken_side_of_a_token_is_refused()
    {
        await using var network = new LossyNetwork(seed: 34);
        var (_, relayAt) = AttachRelay(network, new RelayOptions());
        var (a, b, c) = (Peer.Attach(network), Peer.Attach(network), Peer.Attach(network));
        var token = RandomNumberGenerator.GetBytes(32);
        await PairAsync(relayAt, token, a, b);

        var error = await Assert.ThrowsAsync<RelayRefusedException>(() => c.Relay.PairAsync(relayAt, token, true, 9, Ct));

        Assert.Equal(RelayRefusal.TokenInUse, error.Reason);
    }

    [Fact]
    public async Task A_pair_past_its_byte_budget_is_ended_and_both_streams_are_told()
    {
        await using var network = new LossyNetwork(seed: 35);
        var (relay, relayAt) = AttachRelay(network, Fast with { PairByteBudget = 50_000 });
        var (a, b) = (Peer.Attach(network), Peer.Attach(network));
        var (streamA, streamB) = await PairAsync(relayAt, RandomNumberGenerator.GetBytes(32), a, b);

        var writing = WriteAndEndAsync(streamA, StreamPair.Bytes(200_000, seed: 36));

        var error = await Assert.ThrowsAsync<StreamClosedException>(() => StreamPair.ReadToEndAsync(streamB, 200_000, Ct));
        Assert.Equal(StreamCloseReason.DestroyedByRemote, error.Reason);
        await Assert.ThrowsAsync<StreamClosedException>(() => writing);
        Assert.Equal(0, relay.Stats.Pairs);
    }

    [Fact]
    public async Task Garbage_sent_to_the_relay_is_dropped_and_forwarding_goes_on()
    {
        await using var network = new LossyNetwork(seed: 37);
        var (relay, relayAt) = AttachRelay(network, Fast);
        var (a, b) = (Peer.Attach(network), Peer.Attach(network));
        var (streamA, streamB) = await PairAsync(relayAt, RandomNumberGenerator.GetBytes(32), a, b);
        var (_, stranger) = network.Attach((_, _) => { });

        stranger.Send(relayAt, [RelayControl.Magic, 1, 2]);
        stranger.Send(relayAt, StreamPair.Bytes(500, seed: 38));
        // a stream packet on a live relay id but from the wrong address is not forwarded
        stranger.Send(relayAt, new StreamPacket(StreamPacketType.Destroy, streamA.Stats.RemoteId, 0, 0, 0, [], []).ToBytes());
        await WriteAndEndAsync(streamA, [1, 2, 3]);

        Assert.Equal([1, 2, 3], await StreamPair.ReadToEndAsync(streamB, 3, Ct));
        Assert.True(relay.Stats.Dropped >= 3);
    }

    [Fact]
    public async Task A_relayed_stream_moves_to_the_direct_path_without_losing_a_byte()
    {
        await using var network = new LossyNetwork(seed: 39, loss: 0.05);
        var (_, relayAt) = AttachRelay(network, Fast);
        var (a, b) = (Peer.Attach(network), Peer.Attach(network));
        var token = RandomNumberGenerator.GetBytes(32);
        var (streamA, streamB) = await PairAsync(relayAt, token, a, b);
        var data = StreamPair.Bytes(300_000, seed: 40);
        var reading = StreamPair.ReadToEndAsync(streamB, data.Length, Ct);

        await streamA.WriteAsync(data.AsMemory(0, 100_000), Ct);
        streamA.ChangeRemote(b.EndPoint, streamB.LocalId);
        streamB.ChangeRemote(a.EndPoint, streamA.LocalId);
        a.Relay.Unpair(relayAt, token, isInitiator: true);
        await WriteAndEndAsync(streamA, data[100_000..]);

        Assert.Equal(data, await reading);
        Assert.Equal(b.EndPoint, streamA.Stats.Remote);
    }

    private static (BlindRelayServer Relay, IPEndPoint EndPoint) AttachRelay(LossyNetwork network, RelayOptions options)
    {
        BlindRelayServer? relay = null;
        var (endpoint, sink) = network.Attach((from, datagram) => relay!.OnDatagram(from, datagram));
        relay = new BlindRelayServer(sink, TimeProvider.System, options);
        return (relay, endpoint);
    }

    private async Task<(ReliableStream A, ReliableStream B)> PairAsync(IPEndPoint relayAt, byte[] token, Peer a, Peer b)
    {
        var streamA = a.Mux.Create();
        var streamB = b.Mux.Create();
        var pairings = await Task.WhenAll(
            a.Relay.PairAsync(relayAt, token, true, streamA.LocalId, Ct),
            b.Relay.PairAsync(relayAt, token, false, streamB.LocalId, Ct));
        streamA.Connect(relayAt, pairings[0].RelayStreamId);
        streamB.Connect(relayAt, pairings[1].RelayStreamId);
        return (streamA, streamB);
    }

    private async Task WriteAndEndAsync(ReliableStream stream, byte[] data)
    {
        await stream.WriteAsync(data, Ct);
        await stream.EndAsync(Ct);
    }

    /// <summary>A peer's socket: stream packets to its multiplexer, relay answers to its relay client.</summary>
    private sealed record Peer(StreamMultiplexer Mux, RelayClient Relay, IPEndPoint EndPoint)
    {
        public static Peer Attach(LossyNetwork network)
        {
            Peer? peer = null;
            var (endpoint, sink) = network.Attach((from, datagram) =>
            {
                if (datagram[0] == RelayControl.Magic)
                    peer!.Relay.OnDatagram(from, datagram);
                else
                    peer!.Mux.OnDatagram(from, datagram);
            });
            peer = new Peer(new StreamMultiplexer(sink, TimeProvider.System, StreamPair.Fast),
                new RelayClient(sink, TimeProvider.System) { RetryInterval = TimeSpan.FromMilliseconds(100) }, endpoint);
            return peer;
        }
    }
}
