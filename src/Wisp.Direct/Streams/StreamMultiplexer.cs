using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>
/// The streams of one UDP socket: maps each local stream id (random u32) to its stream and hands it the packets
/// addressed to it. The socket's demux calls <see cref="OnDatagram"/> for every datagram starting with <c>0xFF</c>.
/// </summary>
public sealed class StreamMultiplexer(IPacketSink sink, TimeProvider time, StreamOptions? options = null)
{
    private readonly ConcurrentDictionary<uint, ReliableStream> _streams = new();
    private long _dropped;

    internal IPacketSink Sink { get; } = sink;

    internal TimeProvider Time { get; } = time;

    internal StreamOptions Options { get; } = options ?? new StreamOptions();

    /// <summary>Datagrams dropped: malformed, or for no stream of ours, or refused by the stream.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Streams currently registered.</summary>
    public int Count => _streams.Count;

    /// <summary>Live streams, for status displays.</summary>
    public IReadOnlyCollection<ReliableStream> Streams => (IReadOnlyCollection<ReliableStream>)_streams.Values;

    /// <summary>Creates a stream with a random unused local id; connect it before data flows.</summary>
    public ReliableStream Create(StreamOptions? options = null)
    {
        if (_streams.Count >= Limits.MaxStreams)
            throw new InvalidOperationException($"at most {Limits.MaxStreams} streams per socket");
        while (true)
        {
            var id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            if (id == 0)
                continue;
            var stream = new ReliableStream(this, id, options ?? Options);
            if (_streams.TryAdd(id, stream))
                return stream;
        }
    }

    /// <summary>Hands a datagram to the stream it names; anything else is dropped and counted. Never throws.</summary>
    public void OnDatagram(IPEndPoint from, ReadOnlySpan<byte> datagram)
    {
        var packet = StreamPacket.TryRead(datagram);
        if (packet is null || !_streams.TryGetValue(packet.RemoteId, out var stream) || !stream.OnPacket(from, packet))
            Interlocked.Increment(ref _dropped);
    }

    internal void Remove(ReliableStream stream) => _streams.TryRemove(new KeyValuePair<uint, ReliableStream>(stream.LocalId, stream));
}
