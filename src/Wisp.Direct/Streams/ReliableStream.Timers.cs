using System.Net.Sockets;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>The timer half: retransmission timeouts, window probes, keep-alive, idle timeout, closing and release.</summary>
public sealed partial class ReliableStream
{
    private bool _released;

    private void Tick()
    {
        lock (_gate)
        {
            var now = Now;
            if (_closed != StreamCloseReason.None)
            {
                // an ended stream lingers to re-ack the peer's END should our ack have been lost
                var linger = _closed == StreamCloseReason.Ended ? Limits.Linger : TimeSpan.Zero;
                if (!_released && now - _closedAt >= linger)
                {
                    _released = true;
                    _mux.Remove(this);
                    _timer.Dispose();
                }
                return;
            }
            if (now - _lastHeard > _options.IdleTimeout)
            {
                Close(StreamCloseReason.IdleTimeout, tellPeer: false);
                return;
            }
            if (_remote is null)
                return;
            if (_rtoDeadline is { } deadline && now >= deadline)
            {
                if (_inflight.Count == 0)
                    _rtoDeadline = null;
                else
                {
                    OnTimeout(now);
                    if (_closed != StreamCloseReason.None)
                        return;
                }
            }
            var stalledOnWindow = _inflight.Count == 0 && _unsentBytes > 0;
            if ((stalledOnWindow && now - _lastSent >= _rto) || now - _lastSent >= _options.KeepAlive)
                SendControl(StreamPacketType.Ping);
        }
    }

    private void CheckFullyEnded()
    {
        if (_closed == StreamCloseReason.None && _remoteEnded && _endSent && _endAcked.Task.IsCompletedSuccessfully)
            Close(StreamCloseReason.Ended, tellPeer: false);
    }

    /// <summary>Stops the stream: fails waiters with the reason; all but an orderly end drop the buffers at once.</summary>
    private void Close(StreamCloseReason reason, bool tellPeer)
    {
        if (_closed != StreamCloseReason.None)
            return;
        if (tellPeer)
            SendPacket(StreamPacketType.Destroy, _sndNxt, _destroyProof ?? [], withSacks: false);
        _closed = reason;
        _closedAt = Now;
        if (reason != StreamCloseReason.Ended)
        {
            // A peer that ended in order before it destroyed the stream has delivered every byte it sent: the reader
            // keeps them and then reads the end, as after an orderly close.
            if (!_remoteEnded)
            {
                _readable.Clear();
                _readableBytes = 0;
            }
            _outOfOrder.Clear();
            _outOfOrderBytes = 0;
            _unsent.Clear();
            _unsentBytes = 0;
            _inflight.Clear();
            _inflightBytes = _sackedBytes = 0;
            _sackedCount = _lostCount = 0;
            var error = new StreamClosedException(reason);
            if (_endAcked.TrySetException(error))
                _ = _endAcked.Task.Exception; // observed: nobody may be waiting for the end
            if (_connected.TrySetException(error))
                _ = _connected.Task.Exception;
        }
        Wake(ref _readWaiter);
        Wake(ref _writeWaiter);
    }

    private void SendControl(StreamPacketType type) =>
        SendPacket(type, _sndNxt, [], withSacks: (type & StreamPacketType.Sack) != 0);

    private void SendPacket(StreamPacketType type, uint seq, byte[] payload, bool withSacks)
    {
        if (_remote is null)
            return;
        var sacks = withSacks ? SackBlocks() : [];
        if (sacks.Count > 0)
            type |= StreamPacketType.Sack;
        var window = Window;
        var bytes = new StreamPacket(type, _remoteId, window, seq, _rcvNxt, sacks, payload).ToBytes();
        _lastAdvertised = window;
        _lastSent = Now;
        _packetsSent++;
        try
        {
            _mux.Sink.Send(_remote, bytes);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // a send that fails is a lost packet: retransmission and the timeouts deal with it
        }
    }
}
