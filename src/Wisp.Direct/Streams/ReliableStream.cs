using System.Net;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>
/// A reliable, ordered, flow- and congestion-controlled byte stream over UDP datagrams, modelled on UDX: packets of at
/// most 1,200 bytes, cumulative and selective acks, RTO from SRTT/RTTVAR, NewReno congestion control, a receive
/// window bounded by the reader, keep-alive, idle timeout, orderly END and abrupt DESTROY.
/// </summary>
public sealed partial class ReliableStream : Stream
{
    private readonly StreamMultiplexer _mux;
    private readonly StreamOptions _options;

    internal ReliableStream(StreamMultiplexer mux, uint localId, StreamOptions options)
    {
        _mux = mux;
        _options = options;
        LocalId = localId;
    }

    /// <summary>This side's stream id: the peer (or the relay) addresses packets to it.</summary>
    public uint LocalId { get; }

    /// <summary>Completes once the remote address is known.</summary>
    public Task Connected => throw new NotImplementedException();

    /// <summary>Sends to <paramref name="remote"/>, addressing packets to the peer's stream id <paramref name="remoteId"/>.</summary>
    public void Connect(IPEndPoint remote, uint remoteId) => throw new NotImplementedException();

    /// <summary>Waits for the first packet addressed to this stream and takes its source as the remote, if <paramref name="accept"/> agrees.</summary>
    public void ConnectOnFirstPacket(uint remoteId, Func<IPEndPoint, bool>? accept = null) => throw new NotImplementedException();

    /// <summary>Moves the stream to another path (relay → direct): new address and remote id; unacked data is resent there.</summary>
    public void ChangeRemote(IPEndPoint remote, uint remoteId) => throw new NotImplementedException();

    /// <summary>Sends an orderly END after all written data and waits until the peer acknowledged it.</summary>
    public Task EndAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Tears the stream down at once and tells the peer (DESTROY).</summary>
    public void Destroy() => throw new NotImplementedException();

    /// <summary>Sends an unreliable datagram on the stream (MESSAGE), at most <see cref="StreamPacket.MaxPayloadBytes"/>.</summary>
    public void SendMessage(ReadOnlySpan<byte> message) => throw new NotImplementedException();

    /// <summary>Raised for each MESSAGE datagram received.</summary>
    public event Action<ReadOnlyMemory<byte>>? MessageReceived;

    /// <summary>A snapshot of the counters.</summary>
    public StreamStats Stats => throw new NotImplementedException();

    internal bool OnPacket(IPEndPoint from, StreamPacket packet) => MessageReceived is null && _mux is null && _options is null && from is null && packet is null;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
