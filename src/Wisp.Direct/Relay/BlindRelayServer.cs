using System.Net;
using System.Security.Cryptography;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Relay;

/// <summary>
/// The relay of last resort on a service node: pairs two peers presenting the same 32-byte token (one as initiator,
/// one not) and forwards their stream packets by rewriting the remote stream id. It sees only ciphertext (the streams
/// carry SecretStream frames), forwards only between the two paired addresses, and bounds pairs, waiting time, bytes
/// and idleness. Ended or expired tokens are remembered for a while and refused.
/// </summary>
public sealed class BlindRelayServer : IDisposable
{
    private readonly IPacketSink _sink;
    private readonly TimeProvider _time;
    private readonly RelayOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RelayPair> _byToken = [];
    private readonly Dictionary<uint, (RelayPair Pair, RelaySide From, RelaySide To)> _byRelayId = [];
    private readonly Dictionary<string, TimeSpan> _retired = [];
    private readonly Queue<(string Token, TimeSpan At)> _retiredOrder = new();
    private readonly long _origin;
    private readonly ITimer _sweep;
    private long _bytesForwarded;
    private long _packetsForwarded;
    private long _refused;
    private long _dropped;

    /// <summary>Creates a relay sending through <paramref name="sink"/> (the node's UDP socket).</summary>
    public BlindRelayServer(IPacketSink sink, TimeProvider time, RelayOptions? options = null)
    {
        _sink = sink;
        _time = time;
        _options = options ?? new RelayOptions();
        _origin = time.GetTimestamp();
        _sweep = time.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>The counters.</summary>
    public RelayStats Stats
    {
        get
        {
            lock (_gate)
            {
                var live = _byToken.Values.Count(p => p.IsLive);
                return new RelayStats(live, _byToken.Count - live, _bytesForwarded, _packetsForwarded, _refused, _dropped);
            }
        }
    }

    /// <summary>Handles a datagram starting with <c>0x04</c> (control) or <c>0xFF</c> (a stream packet to forward). Never throws.</summary>
    public void OnDatagram(IPEndPoint from, ReadOnlySpan<byte> datagram)
    {
        lock (_gate)
        {
            if (datagram.Length > 0 && datagram[0] == RelayControl.Magic && RelayControl.TryRead(datagram) is { } control)
                OnControl(from, control);
            else if (!Forward(from, datagram))
                _dropped++;
        }
    }

    private void OnControl(IPEndPoint from, RelayControl control)
    {
        var key = Convert.ToHexString(control.Token);
        switch (control.Type)
        {
            case RelayMessageType.Pair:
                OnPair(from, control, key);
                break;
            case RelayMessageType.Unpair:
                if (_byToken.TryGetValue(key, out var pair) && pair.Holds(from))
                    End(pair, destroyStreams: false);
                else
                    Refuse(from, control, RelayRefusal.UnknownToken);
                break;
            default:
                _dropped++; // answers are ours to send, not to receive
                break;
        }
    }

    private void OnPair(IPEndPoint from, RelayControl control, string key)
    {
        if (_retired.ContainsKey(key))
        {
            Refuse(from, control, RelayRefusal.Expired);
            return;
        }
        if (!_byToken.TryGetValue(key, out var pair))
        {
            if (_byToken.Count >= _options.MaxPairs)
            {
                Refuse(from, control, RelayRefusal.Busy);
                return;
            }
            pair = new RelayPair(control.Token, key, Now);
            _byToken[key] = pair;
        }
        var side = control.IsInitiator ? pair.Initiator : pair.Responder;
        if (side is not null)
        {
            if (!side.Endpoint.Equals(from) || side.PeerStreamId != control.StreamId)
                Refuse(from, control, RelayRefusal.TokenInUse);
            else if (pair.IsLive)
                SendPaired(pair, side); // our answer was lost: say it again
            return;
        }
        side = new RelaySide(from, control.StreamId, NewRelayId(), control.IsInitiator);
        if (control.IsInitiator)
            pair.Initiator = side;
        else
            pair.Responder = side;
        if (!pair.IsLive)
            return;
        pair.LastActivity = Now;
        _byRelayId[pair.Initiator!.RelayId] = (pair, pair.Initiator, pair.Responder!);
        _byRelayId[pair.Responder!.RelayId] = (pair, pair.Responder, pair.Initiator);
        SendPaired(pair, pair.Initiator);
        SendPaired(pair, pair.Responder);
    }

    private bool Forward(IPEndPoint from, ReadOnlySpan<byte> datagram)
    {
        if (!StreamPacket.TryPeekRemoteId(datagram, out var relayId) || !_byRelayId.TryGetValue(relayId, out var route))
            return false;
        if (!route.From.Endpoint.Equals(from))
            return false; // only the paired address may send on this id
        var pair = route.Pair;
        if (pair.Bytes + datagram.Length > _options.PairByteBudget)
        {
            End(pair, destroyStreams: true);
            return false;
        }
        pair.Bytes += datagram.Length;
        pair.LastActivity = Now;
        var copy = datagram.ToArray();
        StreamPacket.RewriteRemoteId(copy, route.To.PeerStreamId);
        _bytesForwarded += copy.Length;
        _packetsForwarded++;
        _sink.Send(route.To.Endpoint, copy);
        return true;
    }

    private void Sweep()
    {
        lock (_gate)
        {
            var now = Now;
            foreach (var pair in _byToken.Values.ToList())
            {
                if (!pair.IsLive && now - pair.CreatedAt > _options.PairingTimeout)
                {
                    var waiting = pair.Initiator ?? pair.Responder;
                    if (waiting is not null)
                        Refuse(waiting.Endpoint, new RelayControl(RelayMessageType.Pair, waiting.IsInitiator, pair.Token, 0, RelayRefusal.None), RelayRefusal.Expired);
                    End(pair, destroyStreams: false);
                }
                else if (pair.IsLive && now - pair.LastActivity > _options.PairIdleTimeout)
                    End(pair, destroyStreams: true);
            }
            while (_retiredOrder.TryPeek(out var oldest) && (now - oldest.At > Limits.TokenMemory || _retiredOrder.Count > 2 * _options.MaxPairs))
            {
                _retiredOrder.Dequeue();
                _retired.Remove(oldest.Token);
            }
        }
    }

    /// <summary>Forgets a pair and retires its token; when the streams may still be using it, tells both ends (DESTROY).</summary>
    private void End(RelayPair pair, bool destroyStreams)
    {
        _byToken.Remove(pair.Key);
        foreach (var side in new[] { pair.Initiator, pair.Responder })
        {
            if (side is null)
                continue;
            _byRelayId.Remove(side.RelayId);
            if (destroyStreams && pair.IsLive)
                _sink.Send(side.Endpoint, new StreamPacket(StreamPacketType.Destroy, side.PeerStreamId, 0, 0, 0, [], []).ToBytes());
        }
        _retired[pair.Key] = Now;
        _retiredOrder.Enqueue((pair.Key, Now));
    }

    private void SendPaired(RelayPair pair, RelaySide side) =>
        _sink.Send(side.Endpoint, new RelayControl(RelayMessageType.Paired, side.IsInitiator, pair.Token, side.RelayId, RelayRefusal.None).ToBytes());

    private void Refuse(IPEndPoint to, RelayControl asked, RelayRefusal reason)
    {
        _refused++;
        _sink.Send(to, new RelayControl(RelayMessageType.Refused, asked.IsInitiator, asked.Token, 0, reason).ToBytes());
    }

    private uint NewRelayId()
    {
        while (true)
        {
            var id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            if (id != 0 && !_byRelayId.ContainsKey(id))
                return id;
        }
    }

    /// <summary>Demux registrations to undo on dispose (when attached to a transport).</summary>
    internal List<IDisposable> Registrations { get; } = [];

    /// <summary>Stops the sweep timer and detaches from the transport.</summary>
    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var registration in Registrations)
            registration.Dispose();
    }
}
