using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>
/// The sending half: segmentation, acks and SACKs, loss detection (three later packets selectively acked, or a later
/// send acknowledged a quarter RTT after it), RTT estimation (RFC 6298 with Karn's rule) and NewReno congestion control.
/// </summary>
public sealed partial class ReliableStream
{
    private readonly Queue<byte[]> _unsent = new();
    private readonly Dictionary<uint, Segment> _inflight = [];
    private readonly TaskCompletionSource _endAcked = NewSignal();
    private int _unsentHead;
    private long _unsentBytes;
    private long _inflightBytes;
    private long _sackedBytes;
    private int _sackedCount;
    private int _lostCount;
    private uint _sndUna;
    private uint _sndNxt;
    private uint _highestSacked;
    private bool _hasSacked;
    private TimeSpan _latestDeliveredSentAt;
    private uint _peerWindow;
    private bool _endRequested;
    private bool _endSent;
    private int _cwnd = Limits.InitialWindowPackets;
    private int _ssthresh = int.MaxValue;
    private int _cwndAcc;
    private bool _inRecovery;
    private uint _recoverSeq;
    private TimeSpan? _srtt;
    private TimeSpan _rttvar;
    private TimeSpan _rto;
    private TimeSpan? _rtoDeadline;
    private int _timeouts;
    private long _bytesSent;
    private long _retransmits;

    /// <summary>Packets in the network as far as we know: sent, not acked, not held by the peer, not judged lost.</summary>
    private int Pipe => _inflight.Count - _sackedCount - _lostCount;

    private int MaxCwnd => Math.Max(Limits.InitialWindowPackets, _options.MaxSendBufferBytes / StreamPacket.MaxPayloadBytes + 1);

    /// <summary>Sends what the congestion and receive windows allow: lost packets first, then new data, then END.</summary>
    private void Pump(TimeSpan now)
    {
        if (_remote is null || _closed != StreamCloseReason.None)
            return;
        while (Pipe < _cwnd)
        {
            if (_lostCount > 0)
            {
                Retransmit(FirstLost(), now);
                continue;
            }
            if (_unsentBytes > 0)
            {
                var length = (int)Math.Min(StreamPacket.MaxPayloadBytes, _unsentBytes);
                if (_inflightBytes - _sackedBytes + length > _peerWindow)
                    break; // the peer's window is full: a probe in Tick asks again
                Transmit(new Segment(_sndNxt++, TakeUnsent(length), isEnd: false), now);
                _bytesSent += length;
                continue;
            }
            if (_endRequested && !_endSent)
            {
                _endSent = true;
                Transmit(new Segment(_sndNxt++, [], isEnd: true), now);
            }
            break;
        }
    }

    private void Transmit(Segment segment, TimeSpan now)
    {
        _inflight[segment.Seq] = segment;
        _inflightBytes += segment.Payload.Length;
        Send(segment, now);
    }

    private void Retransmit(Segment segment, TimeSpan now)
    {
        segment.Lost = false;
        _lostCount--;
        _retransmits++;
        Send(segment, now);
    }

    private void Send(Segment segment, TimeSpan now)
    {
        segment.SentAt = now;
        segment.Transmissions++;
        SendPacket(segment.IsEnd ? StreamPacketType.End : StreamPacketType.Data, segment.Seq, segment.Payload, withSacks: false);
        _rtoDeadline ??= now + _rto;
    }

    private Segment FirstLost()
    {
        for (var seq = _sndUna; seq != _sndNxt; seq++)
            if (_inflight.TryGetValue(seq, out var segment) && segment.Lost)
                return segment;
        throw new InvalidOperationException("lost count out of step with the segments");
    }

    private byte[] TakeUnsent(int length)
    {
        var payload = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            var chunk = _unsent.Peek();
            var n = Math.Min(chunk.Length - _unsentHead, length - copied);
            chunk.AsSpan(_unsentHead, n).CopyTo(payload.AsSpan(copied));
            copied += n;
            _unsentHead += n;
            if (_unsentHead == chunk.Length)
            {
                _unsent.Dequeue();
                _unsentHead = 0;
            }
        }
        _unsentBytes -= length;
        return payload;
    }

    /// <summary>Applies the cumulative ack, window and SACK blocks any packet from the peer carries.</summary>
    private void OnAck(StreamPacket packet, TimeSpan now)
    {
        var ack = packet.Ack;
        if ((int)(ack - _sndUna) < 0 || (int)(ack - _sndNxt) > 0)
            return; // stale, or acks what we never sent
        _peerWindow = packet.Window;
        TimeSpan? sample = null;
        var acked = 0;
        for (var seq = _sndUna; seq != ack; seq++)
        {
            if (!_inflight.Remove(seq, out var segment))
                continue;
            acked++;
            if (segment.Transmissions == 1)
                sample = now - segment.SentAt;
            Delivered(segment);
            Forget(segment);
            if (segment.IsEnd)
                _endAcked.TrySetResult();
        }
        _sndUna = ack;
        if (_hasSacked && (int)(_highestSacked - _sndUna) < 0)
            _hasSacked = false;
        if (acked > 0)
        {
            if (sample is { } rtt)
                UpdateRtt(rtt);
            _timeouts = 0;
            _rtoDeadline = _inflight.Count > 0 ? now + _rto : null;
            GrowWindow(acked, ack);
            Wake(ref _writeWaiter);
        }
        foreach (var block in packet.Sacks)
            MarkSacked(block);
        DetectLosses();
    }

    private void MarkSacked(SackBlock block)
    {
        var start = (int)(block.Start - _sndUna) < 0 ? _sndUna : block.Start;
        var end = (int)(block.End - _sndNxt) > 0 ? _sndNxt : block.End;
        for (var seq = start; (int)(end - seq) > 0; seq++)
        {
            if (!_inflight.TryGetValue(seq, out var segment) || segment.Sacked)
                continue;
            segment.Sacked = true;
            _sackedCount++;
            _sackedBytes += segment.Payload.Length;
            if (segment.Lost)
            {
                segment.Lost = false;
                _lostCount--;
            }
            Delivered(segment);
            if (!_hasSacked || (int)(seq - _highestSacked) > 0)
                _highestSacked = seq;
            _hasSacked = true;
        }
    }

    private void Delivered(Segment segment)
    {
        if (segment.SentAt > _latestDeliveredSentAt)
            _latestDeliveredSentAt = segment.SentAt;
    }

    private void Forget(Segment segment)
    {
        _inflightBytes -= segment.Payload.Length;
        if (segment.Sacked)
        {
            _sackedCount--;
            _sackedBytes -= segment.Payload.Length;
        }
        if (segment.Lost)
            _lostCount--;
    }

    /// <summary>Marks as lost what the peer's SACKs prove it skipped; the first loss in a window halves the window (NewReno).</summary>
    private void DetectLosses()
    {
        if (!_hasSacked)
            return;
        var reordering = (_srtt ?? _options.MinRto) / 4;
        var found = false;
        for (var seq = _sndUna; (int)(_highestSacked - seq) > 0; seq++)
        {
            if (!_inflight.TryGetValue(seq, out var segment) || segment.Sacked || segment.Lost)
                continue;
            var byCount = segment.Transmissions == 1 && (int)(_highestSacked - seq) >= Limits.DupThreshold;
            var byTime = segment.SentAt + reordering < _latestDeliveredSentAt;
            if (!byCount && !byTime)
                continue;
            segment.Lost = true;
            _lostCount++;
            found = true;
        }
        if (found && !_inRecovery)
        {
            _ssthresh = Math.Max((Pipe + _lostCount) / 2, 2);
            _cwnd = _ssthresh;
            _cwndAcc = 0;
            _inRecovery = true;
            _recoverSeq = _sndNxt;
        }
    }

    private void GrowWindow(int acked, uint ack)
    {
        if (_inRecovery)
        {
            if ((int)(ack - _recoverSeq) < 0)
                return;
            _inRecovery = false;
            _cwnd = _ssthresh;
            return;
        }
        if (_cwnd < _ssthresh)
            _cwnd += acked;
        else
        {
            _cwndAcc += acked;
            while (_cwndAcc >= _cwnd)
            {
                _cwndAcc -= _cwnd;
                _cwnd++;
            }
        }
        _cwnd = Math.Min(_cwnd, MaxCwnd);
    }

    private void UpdateRtt(TimeSpan sample)
    {
        if (_srtt is not { } srtt)
        {
            _srtt = sample;
            _rttvar = sample / 2;
        }
        else
        {
            _rttvar = (_rttvar * 3 + (srtt - sample).Duration()) / 4;
            _srtt = (srtt * 7 + sample) / 8;
        }
        var rto = _srtt.Value + TimeSpan.FromTicks(Math.Max(_options.Tick.Ticks, 4 * _rttvar.Ticks));
        _rto = rto < _options.MinRto ? _options.MinRto : rto > _options.MaxRto ? _options.MaxRto : rto;
    }

    /// <summary>A retransmission timeout: everything unacked is presumed lost, the window collapses, the timer backs off.</summary>
    private void OnTimeout(TimeSpan now)
    {
        if (++_timeouts >= _options.MaxTimeouts)
        {
            Close(StreamCloseReason.TimedOut, tellPeer: true);
            return;
        }
        _ssthresh = Math.Max(Pipe / 2, 2);
        _cwnd = 1;
        _cwndAcc = 0;
        _inRecovery = false;
        MarkAllLost();
        _rto = _rto * 2 > _options.MaxRto ? _options.MaxRto : _rto * 2;
        _rtoDeadline = now + _rto;
        Pump(now);
    }

    private void MarkAllLost()
    {
        foreach (var segment in _inflight.Values)
        {
            if (segment.Sacked || segment.Lost)
                continue;
            segment.Lost = true;
            _lostCount++;
        }
    }

    /// <summary>A new path: forget what we learned about the old one and resend what it may have swallowed.</summary>
    private void ResetPath()
    {
        _srtt = null;
        _rttvar = TimeSpan.Zero;
        _rto = _options.InitialRto;
        _cwnd = Limits.InitialWindowPackets;
        _ssthresh = int.MaxValue;
        _inRecovery = false;
        _timeouts = 0;
        _rtoDeadline = null;
        MarkAllLost();
    }
}
