using System.Net;
using System.Security.Cryptography;
using Wisp.Dht.Transport;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Tests.Streams;

/// <summary>Streams and the blind relay on real UDP sockets on loopback, sharing each socket's demux as production does.</summary>
public sealed class UdpStreamTests
{
    private readonly CancellationTokenSource _timeout = TestTimeout.Start();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_stream_goes_through_a_relay_on_real_sockets_then_direct()
    {
        await using var relaySocket = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var socketA = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var socketB = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var relay = relaySocket.AttachBlindRelay(TimeProvider.System);
        var (muxA, streamsA) = socketA.AttachStreams(TimeProvider.System, StreamPair.Fast);
        var (muxB, streamsB) = socketB.AttachStreams(TimeProvider.System, StreamPair.Fast);
        var (clientA, relayA) = socketA.AttachRelayClient(TimeProvider.System);
        var (clientB, relayB) = socketB.AttachRelayClient(TimeProvider.System);
        using var registrations = new CompositeDisposable(streamsA, streamsB, relayA, relayB);
        var token = RandomNumberGenerator.GetBytes(32);
        var a = muxA.Create();
        var b = muxB.Create();

        var pairings = await Task.WhenAll(
            clientA.PairAsync(relaySocket.LocalEndPoint, token, true, a.LocalId, Ct),
            clientB.PairAsync(relaySocket.LocalEndPoint, token, false, b.LocalId, Ct));
        a.Connect(relaySocket.LocalEndPoint, pairings[0].RelayStreamId);
        b.Connect(relaySocket.LocalEndPoint, pairings[1].RelayStreamId);
        var data = StreamPair.Bytes(300_000, seed: 50);
        var reading = StreamPair.ReadToEndAsync(b, data.Length, Ct);
        await a.WriteAsync(data.AsMemory(0, 150_000), Ct);
        a.ChangeRemote(socketB.LocalEndPoint, b.LocalId);
        b.ChangeRemote(socketA.LocalEndPoint, a.LocalId);
        await a.WriteAsync(data.AsMemory(150_000), Ct);
        await a.EndAsync(Ct);

        Assert.Equal(data, await reading);
        Assert.True(relay.Stats.BytesForwarded > 0);
    }

    private sealed class CompositeDisposable(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
                part.Dispose();
        }
    }
}
