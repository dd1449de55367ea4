using System.Net;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>The receiving half: in-order delivery, the out-of-order store, the advertised window and acks.</summary>
public sealed partial class ReliableStream
{
    private static readonly byte[] EndMarker = [];
    private readonly Queue<byte[]> _readable = new();
    private readonly Dictionary<uint, byte[]> _outOfOrder = [];
    private int _readHead;
    private long _readableBytes;
    private long _outOfOrderBytes;
    private uint _rcvNxt;
    private bool _remoteEnded;
    private long _bytesReceived;
    private uint _lastAdvertised;

    /// <summary>Bytes the peer may still send beyond what we acknowledged.</summary>
    private uint Window => (uint)Math.Max(0, _options.MaxReceiveBufferBytes - _readableBytes - _outOfOrderBytes);

    /// <summary>Most packets held out of order: what the buffer could hold in full-size packets, twice over for small ones.</summary>
    private int MaxOutOfOrderPackets => 2 * (_options.MaxReceiveBufferBytes / StreamPacket.MaxPayloadBytes);

    /// <summary>Handles a packet addressed to this stream; false when it is not from our remote (dropped).</summary>
    internal bool OnPacket(IPEndPoint from, StreamPacket packet)
    {
        byte[]? message = null;
        lock (_gate)
        {
            if (_closed is not StreamCloseReason.None and not StreamCloseReason.Ended)
                return false;
            // An unproved DESTROY is dropped before it can claim the stream or count as hearing from the peer.
            if ((packet.Type & StreamPacketType.Destroy) != 0 && _expectedDestroyProof is { } expected
                && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(packet.Payload, expected))
                return false;
            if (_remote is null)
            {
                if (!_awaitingClaim || !(_claimFilter?.Invoke(from) ?? true))
                    return false;
                _awaitingClaim = false;
                SetRemote(from, _remoteId);
            }
            else if (!_remote.Equals(from))
                return false;

            var now = Now;
            _lastHeard = now;
            _packetsReceived++;
            if ((packet.Type & StreamPacketType.Destroy) != 0)
            {
                Close(StreamCloseReason.DestroyedByRemote, tellPeer: false);
                return true;
            }
            OnAck(packet, now);
            var reliable = (packet.Type & (StreamPacketType.Data | StreamPacketType.End)) != 0;
            if (reliable)
                OnReliable(packet.Seq, packet.Payload, (packet.Type & StreamPacketType.End) != 0);
            if ((packet.Type & StreamPacketType.Message) != 0 && !reliable)
                message = packet.Payload;
            if (reliable || (packet.Type & StreamPacketType.Ping) != 0)
                SendControl(StreamPacketType.Sack);
            CheckFullyEnded();
            if (_closed == StreamCloseReason.None)
                Pump(now);
        }
        if (message is not null)
            MessageReceived?.Invoke(message);
        return true;
    }

    private void OnReliable(uint seq, byte[] payload, bool isEnd)
    {
        var distance = (int)(seq - _rcvNxt);
        if (distance < 0 || _remoteEnded)
            return; // a duplicate: the ack we send answers it
        var data = isEnd ? EndMarker : payload;
        if (distance > 0)
        {
            if (distance < MaxOutOfOrderPackets && !_outOfOrder.ContainsKey(seq) && Fits(data.Length))
            {
                _outOfOrder[seq] = data;
                _outOfOrderBytes += data.Length;
            }
            return;
        }
        if (!Fits(data.Length))
            return;
        Deliver(data);
        while (!_remoteEnded && _outOfOrder.Remove(_rcvNxt, out var next))
        {
            _outOfOrderBytes -= next.Length;
            Deliver(next);
        }
        Wake(ref _readWaiter);
    }

    private bool Fits(int length) => _readableBytes + _outOfOrderBytes + length <= _options.MaxReceiveBufferBytes;

    private void Deliver(byte[] data)
    {
        _rcvNxt++;
        if (ReferenceEquals(data, EndMarker))
        {
            _remoteEnded = true;
            _outOfOrder.Clear();
            _outOfOrderBytes = 0;
            return;
        }
        _readable.Enqueue(data);
        _readableBytes += data.Length;
        _bytesReceived += data.Length;
    }

    private int TakeReadable(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && _readable.TryPeek(out var chunk))
        {
            var n = Math.Min(chunk.Length - _readHead, destination.Length - copied);
            chunk.AsSpan(_readHead, n).CopyTo(destination[copied..]);
            copied += n;
            _readHead += n;
            if (_readHead == chunk.Length)
            {
                _readable.Dequeue();
                _readHead = 0;
            }
        }
        _readableBytes -= copied;
        // tell a sender stalled on our window that it opened, without an ack per read
        var window = Window;
        var step = Math.Max(StreamPacket.MaxPayloadBytes, _options.MaxReceiveBufferBytes / 4);
        if (_remote is not null && _closed == StreamCloseReason.None
            && (window >= (long)_lastAdvertised + step || (_lastAdvertised < StreamPacket.MaxPayloadBytes && window >= StreamPacket.MaxPayloadBytes)))
            SendControl(StreamPacketType.Sack);
        return copied;
    }

    /// <summary>The runs held past the cumulative ack, lowest first, at most <see cref="StreamPacket.MaxSackBlocks"/>.</summary>
    private List<SackBlock> SackBlocks()
    {
        var blocks = new List<SackBlock>();
        if (_outOfOrder.Count == 0)
            return blocks;
        var seqs = _outOfOrder.Keys.Select(s => s - _rcvNxt).Order().ToArray();
        var start = seqs[0];
        var end = start + 1;
        for (var i = 1; i <= seqs.Length && blocks.Count < StreamPacket.MaxSackBlocks; i++)
        {
            if (i < seqs.Length && seqs[i] == end)
            {
                end++;
                continue;
            }
            blocks.Add(new SackBlock(start + _rcvNxt, end + _rcvNxt));
            if (i < seqs.Length)
            {
                start = seqs[i];
                end = start + 1;
            }
        }
        return blocks;
    }
}
