using System.Collections.Concurrent;
using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Dht.Relay;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

// Servers and their clients: listening (forward entries at the closest nodes), FIND_PEER, and the relaying of
// PEER_HANDSHAKE / PEER_HOLEPUNCH, which keeps no state at the relay: the client's tid rides along to the server
// and back, and the forward entry says where the server is.
public sealed partial class DhtNode
{
    private readonly ConcurrentDictionary<DhtId, DhtListener> _listeners = new();
    private readonly ServedReplies _served = new();
    private int _peerHandlers;

    /// <summary>Listens as a server on <paramref name="keyPair"/>: the closest nodes to its target become its relays and pass it handshakes.</summary>
    /// <exception cref="InvalidOperationException">This node already listens on that key.</exception>
    public async Task<DhtListener> ListenAsync(Ed25519KeyPair keyPair, PeerRequestHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        ArgumentNullException.ThrowIfNull(handler);
        var listener = new DhtListener(this, keyPair, handler, _time);
        if (!_listeners.TryAdd(listener.Target, listener))
            throw new InvalidOperationException($"This node already listens on {listener.PublicKey}.");
        try
        {
            await listener.StartAsync(cancellationToken).ConfigureAwait(false);
            return listener;
        }
        catch
        {
            _listeners.TryRemove(listener.Target, out _);
            throw;
        }
    }

    internal void StopListening(DhtListener listener) =>
        _listeners.TryRemove(new KeyValuePair<DhtId, DhtListener>(listener.Target, listener));

    private async Task StopListenersAsync()
    {
        foreach (var listener in _listeners.Values) await listener.StopAsync().ConfigureAwait(false);
        _listeners.Clear();
    }

    /// <summary>The DHT nodes that hold a forward entry for the server listening on <paramref name="publicKey"/>, closest first.</summary>
    public async Task<IReadOnlyList<PeerRelay>> FindPeerAsync(X25519PublicKey publicKey, CancellationToken cancellationToken)
    {
        var target = DhtId.ForServer(publicKey);
        var found = await QueryAsync(target, DhtCommand.FindPeer, null, cancellationToken).ConfigureAwait(false);
        return
        [
            .. found.Values
                .Select(v => (Reply: v, Record: PeerRecordWire.Parse(v.Response.Value)))
                .Where(v => v.Record is not null && DhtId.Hash(v.Record.PublicKey) == target)
                .OrderBy(v => v.Reply.Id, Comparer<DhtId>.Create(target.CompareDistance))
                .Select(v => new PeerRelay(v.Reply.From, ToPeer(v.Record!))),
        ];
    }

    /// <summary>Sends <paramref name="value"/> to the server on <paramref name="server"/> through <paramref name="relay"/> and waits for its reply; null when none came.</summary>
    /// <exception cref="ArgumentException">The value is over <see cref="DhtLimits.MaxPeerValueBytes"/>.</exception>
    public async Task<PeerReply?> RequestPeerAsync(
        PeerCommand command, IPEndPoint relay, X25519PublicKey server, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(server);
        if (value.Length > DhtLimits.MaxPeerValueBytes)
            throw new ArgumentException($"A relayed value is at most {DhtLimits.MaxPeerValueBytes} bytes; got {value.Length}.", nameof(value));
        relay = DhtAddress.Normalize(relay);
        var envelope = new PeerEnvelope(PeerMode.FromClient, null, value.ToArray()).Encode();
        var reply = await _rpc.RequestAsync(relay, WireCommand(command), DhtId.ForServer(server).ToArray(), envelope, null, Limits.RequestRetries, cancellationToken)
            .ConfigureAwait(false);
        if (reply?.Response.Value is not { } bytes || PeerEnvelope.Parse(bytes) is not { Mode: PeerMode.Reply } answer) return null;
        return new PeerReply(answer.Value, answer.PeerAddress ?? relay, relay);
    }

    private static DhtCommand WireCommand(PeerCommand command) =>
        command == PeerCommand.Handshake ? DhtCommand.PeerHandshake : DhtCommand.PeerHolepunch;

    private void OnPeerMessage(DhtRequest request, DhtId target, IPEndPoint from)
    {
        if (request.Value is null || PeerEnvelope.Parse(request.Value) is not { } envelope) return;
        switch (envelope.Mode)
        {
            case PeerMode.FromClient when _listeners.TryGetValue(target, out var listener):
                Serve(listener, request, envelope.Value, from, relay: null);
                break;
            case PeerMode.FromClient when _forwards.Get(target) is { } entry:
                var toServer = new PeerEnvelope(PeerMode.FromRelay, from, envelope.Value).Encode();
                _ = _rpc.SendRequestAsync(entry.Address, request.Tid, request.Command, request.Target, toServer).AsTask();
                break;
            case PeerMode.FromClient:
                Reply(request, from, null, Closer(target, from));
                break;
            case PeerMode.FromRelay when envelope.PeerAddress is { } client && _listeners.TryGetValue(target, out var listener):
                Serve(listener, request, envelope.Value, client, relay: from);
                break;
            // Only the server the entry names may send answers through us, so we cannot be made to spray datagrams.
            case PeerMode.FromServer when envelope.PeerAddress is { } client && _forwards.Get(target) is { } entry && entry.Address.Equals(from):
                var toClient = new PeerEnvelope(PeerMode.Reply, from, envelope.Value).Encode();
                _ = _rpc.ReplyAsync(client, request.Tid, null, null, DhtError.None, toClient).AsTask();
                break;
        }
    }

    private void Serve(DhtListener listener, DhtRequest request, byte[] value, IPEndPoint client, IPEndPoint? relay)
    {
        var command = request.Command == DhtCommand.PeerHandshake ? PeerCommand.Handshake : PeerCommand.Holepunch;
        var answer = _served.GetOrStart(client, request.Tid, (byte)request.Command, () => RunHandlerAsync(listener, new PeerRequest(command, value, client, relay)), out _);
        _ = SendAnswerAsync(answer, request, client, relay);
    }

    private async Task<ReadOnlyMemory<byte>?> RunHandlerAsync(DhtListener listener, PeerRequest request)
    {
        if (Interlocked.Increment(ref _peerHandlers) > Limits.MaxConcurrentPeerHandlers)
        {
            Interlocked.Decrement(ref _peerHandlers);
            return null;
        }
        try
        {
            await Task.Yield(); // off the receive loop
            var reply = await listener.Handler(request, listener.Stopping).ConfigureAwait(false);
            return reply is { Length: <= DhtLimits.MaxPeerValueBytes } ? reply : null;
        }
        catch (Exception)
        {
            // The caller's handler failed: this client gets no answer; the listener goes on.
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _peerHandlers);
        }
    }

    private async Task SendAnswerAsync(Task<ReadOnlyMemory<byte>?> answer, DhtRequest request, IPEndPoint client, IPEndPoint? relay)
    {
        if (await answer.ConfigureAwait(false) is not { } value) return;
        if (relay is null)
        {
            var direct = new PeerEnvelope(PeerMode.Reply, null, value.ToArray()).Encode();
            await _rpc.ReplyAsync(client, request.Tid, null, null, DhtError.None, direct).ConfigureAwait(false);
            return;
        }
        var back = new PeerEnvelope(PeerMode.FromServer, client, value.ToArray()).Encode();
        await _rpc.SendRequestAsync(relay, request.Tid, request.Command, request.Target, back).ConfigureAwait(false);
    }
}
