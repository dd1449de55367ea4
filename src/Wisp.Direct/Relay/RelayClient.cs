using System.Net;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Relay;

/// <summary>A peer's side of the blind relay: asks a relay to pair it with the peer holding the same token.</summary>
public sealed class RelayClient(IPacketSink sink, TimeProvider time)
{
    private readonly IPacketSink _sink = sink;
    private readonly TimeProvider _time = time;

    /// <summary>
    /// Presents <paramref name="token"/> to the relay (repeating until answered) and returns the relay's stream id for
    /// this side once the other peer has presented it too. Throws <see cref="RelayRefusedException"/> or, after the
    /// pairing timeout, <see cref="TimeoutException"/>.
    /// </summary>
    public Task<RelayPairing> PairAsync(IPEndPoint relay, ReadOnlyMemory<byte> token, bool isInitiator, uint localStreamId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Tells the relay to forget the pairing (fire-and-forget).</summary>
    public void Unpair(IPEndPoint relay, ReadOnlyMemory<byte> token) => GC.KeepAlive((_sink, _time, relay, token));

    /// <summary>Handles a <c>0x04</c> datagram from a relay. Never throws.</summary>
    public void OnDatagram(IPEndPoint from, ReadOnlySpan<byte> datagram) => throw new NotImplementedException();
}
