using System.Net;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Direct.Connect;
using Wisp.Direct.Streams;
using Wisp.Direct.Tests.Streams;
using Wisp.Protocol.Direct;
using Wisp.Testing;

namespace Wisp.Direct.Tests.Connect;

/// <summary>
/// DESTROY bound to the Noise handshake: a forged one (no proof, a wrong one, the receiver's own reflected) is dropped
/// even from the peer's address and the stream goes on; the peer's real one ends it. On streams and on real sessions.
/// </summary>
public sealed class DestroyProofTests
{
    private static readonly byte[] Hash = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
    private readonly CancellationTokenSource _timeout = TestTimeout.Start();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public void The_proof_is_keyed_blake2b_128_of_the_namespace_and_role_and_rides_only_on_a_bare_destroy()
    {
        // Independent values: Python's hashlib.blake2b(b"wisp/stream-destroy/1" + role, digest_size=16, key=bytes(range(64))).
        Assert.Equal("3624190464D01CF2161694B78164B187", Convert.ToHexString(StreamPacket.DestroyProof(Hash, fromInitiator: true)));
        Assert.Equal("6E5BCF99553B6B7A5A56D104F88369ED", Convert.ToHexString(StreamPacket.DestroyProof(Hash, fromInitiator: false)));

        var proof = StreamPacket.DestroyProof(Hash, true);
        var read = StreamPacket.TryRead(new StreamPacket(StreamPacketType.Destroy, 7, 0, 0, 0, [], proof).ToBytes());
        Assert.Equal(proof, read!.Payload);
        Assert.Null(StreamPacket.TryRead(new StreamPacket(StreamPacketType.Destroy, 7, 0, 0, 0, [], proof[..15]).ToBytes()));
        Assert.Null(StreamPacket.TryRead(new StreamPacket(StreamPacketType.Destroy | StreamPacketType.Ping, 7, 0, 0, 0, [], proof).ToBytes()));
    }

    [Fact]
    public async Task A_forged_destroy_from_the_peers_own_address_is_dropped_and_the_stream_goes_on()
    {
        await using var network = new LossyNetwork(seed: 51);
        var (a, b, peerA, peerB) = Keyed(network);
        var droppedBefore = peerB.Mux.Dropped;

        // An on-path party (or the blind relay) knows the ids and can send from A's address, but not the proof.
        foreach (var payload in new[] { [], new byte[16], StreamPacket.DestroyProof(Hash, fromInitiator: false) })
            peerA.Sink.Send(peerB.EndPoint, new StreamPacket(StreamPacketType.Destroy, b.LocalId, 0, 0, 0, [], payload).ToBytes());
        await Eventually.TrueAsync(() => Task.FromResult(peerB.Mux.Dropped >= droppedBefore + 3), "the three forgeries were dropped");

        var data = StreamPair.Bytes(10_000, seed: 52);
        await a.WriteAsync(data, Ct);
        await a.EndAsync(Ct);
        Assert.Equal(data, await StreamPair.ReadToEndAsync(b, data.Length, Ct));
        Assert.NotEqual(StreamCloseReason.DestroyedByRemote, b.CloseReason);
    }

    [Fact]
    public async Task The_peers_real_destroy_ends_the_stream()
    {
        await using var network = new LossyNetwork(seed: 53);
        var (a, b, _, _) = Keyed(network);
        var pending = b.ReadAsync(new byte[10], Ct).AsTask();

        a.Destroy();

        var error = await Assert.ThrowsAsync<StreamClosedException>(() => pending);
        Assert.Equal(StreamCloseReason.DestroyedByRemote, error.Reason);
    }

    [Fact]
    public async Task A_real_session_ignores_a_forged_destroy_and_ends_on_the_peers_own()
    {
        await using var dht = await LoopbackDht.StartAsync(3, Ct);
        using var serverKey = Ed25519KeyPair.Generate();
        using var clientKey = Ed25519KeyPair.Generate();
        await using var server = await StartAsync(dht, serverKey);
        await using var client = await StartAsync(dht, clientKey);
        await server.ListenAsync(Ct);
        var accepting = server.AcceptAsync(Ct).AsTask();
        await using var session = await client.ConnectAsync(serverKey.X25519PublicKey, Ct);
        await using var inbound = await accepting;
        Assert.True(session.Stream.DestroyNeedsProof && inbound.Stream.DestroyNeedsProof);

        // From the client's own socket, so the address is right; only the proof is missing.
        var forged = new StreamPacket(StreamPacketType.Destroy, inbound.Stream.LocalId, 0, 0, 0, [], new byte[16]).ToBytes();
        session.Stream.Multiplexer.Sink.Send(server.LocalEndPoint, forged);
        await session.SendAsync(Encoding.UTF8.GetBytes("still here"), Ct);
        Assert.Equal("still here", Encoding.UTF8.GetString((await inbound.ReceiveAsync(Ct))!));

        session.Stream.Destroy();

        Assert.Null(await inbound.ReceiveAsync(Ct));
        Assert.Equal(StreamCloseReason.DestroyedByRemote, inbound.Stream.CloseReason);
    }

    private static (ReliableStream A, ReliableStream B, LossyNetwork.Peer PeerA, LossyNetwork.Peer PeerB) Keyed(LossyNetwork network)
    {
        var pair = StreamPair.Connect(network);
        var (initiator, responder) = (StreamPacket.DestroyProof(Hash, true), StreamPacket.DestroyProof(Hash, false));
        pair.A.RequireDestroyProof(send: initiator, expect: responder);
        pair.B.RequireDestroyProof(send: responder, expect: initiator);
        return pair;
    }

    private Task<DirectEndpoint> StartAsync(LoopbackDht dht, Ed25519KeyPair key) =>
        DirectEndpoint.StartAsync(new DirectEndpointOptions
        {
            KeyPair = key,
            Bootstrap = dht.Bootstrap,
            RelayNodes = [dht.Relay],
            Bind = new IPEndPoint(IPAddress.Loopback, 0),
        }, Ct);
}
