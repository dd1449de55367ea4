using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Dht.Queries;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

// Topics: announce and unannounce (query, then a commit phase to the closest nodes with their tokens), lookup, and
// the storing side of ANNOUNCE / UNANNOUNCE.
public sealed partial class DhtNode
{
    /// <summary>Announces <paramref name="keyPair"/>'s X25519 key under <paramref name="topic"/> at the closest nodes; returns how many stored it.</summary>
    public async Task<int> AnnounceAsync(DhtId topic, Ed25519KeyPair keyPair, IReadOnlyList<IPEndPoint> relayAddresses, CancellationToken cancellationToken)
    {
        var record = RecordOf(keyPair, relayAddresses);
        var found = await QueryAsync(topic, DhtCommand.Lookup, null, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(topic, DhtCommand.Announce, record, keyPair, found.Closest.Take(Limits.K), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes <paramref name="keyPair"/>'s record under <paramref name="topic"/> from the closest nodes.</summary>
    public async Task UnannounceAsync(DhtId topic, Ed25519KeyPair keyPair, CancellationToken cancellationToken)
    {
        var record = RecordOf(keyPair, []);
        var found = await QueryAsync(topic, DhtCommand.Lookup, null, cancellationToken).ConfigureAwait(false);
        await CommitAsync(topic, DhtCommand.Unannounce, record, keyPair, found.Closest.Take(Limits.K), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The peers announced under <paramref name="topic"/>, one per public key.</summary>
    public async Task<IReadOnlyList<PeerRecord>> LookupAsync(DhtId topic, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(topic, DhtCommand.Lookup, null, cancellationToken).ConfigureAwait(false);
        var peers = new Dictionary<X25519PublicKey, PeerRecord>();
        foreach (var reply in found.Values)
        {
            if (LookupReply.Parse(reply.Response.Value) is not { } records) continue;
            foreach (var record in records.Records)
                peers.TryAdd(new X25519PublicKey(record.PublicKey), ToPeer(record));
        }
        return [.. peers.Values];
    }

    private static PeerRecordWire RecordOf(Ed25519KeyPair keyPair, IReadOnlyList<IPEndPoint> relayAddresses)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        ArgumentNullException.ThrowIfNull(relayAddresses);
        if (relayAddresses.Count > Limits.MaxRelayAddresses)
            throw new ArgumentException($"A peer record names at most {Limits.MaxRelayAddresses} relays; got {relayAddresses.Count}.", nameof(relayAddresses));
        return new PeerRecordWire(keyPair.X25519PublicKey.Span.ToArray(), [.. relayAddresses.Select(DhtAddress.Normalize)]);
    }

    internal static PeerRecord ToPeer(PeerRecordWire record) => new(new X25519PublicKey(record.PublicKey), record.RelayAddresses);

    /// <summary>The commit phase: each node gets the record signed for it (its id and the token it handed us); returns how many accepted.</summary>
    internal async Task<int> CommitAsync(
        DhtId target, DhtCommand command, PeerRecordWire record, Ed25519KeyPair keyPair, IEnumerable<QueryReply> nodes, CancellationToken cancellationToken)
    {
        var ns = command == DhtCommand.Announce ? AnnounceMessage.AnnounceNamespace : AnnounceMessage.UnannounceNamespace;
        var targetBytes = target.ToArray();
        var commits = nodes.Where(n => n.Response.Token is not null).Select(async node =>
        {
            var token = node.Response.Token!;
            var signable = AnnounceMessage.Signable(ns, targetBytes, node.Id.ToArray(), token, record);
            var value = new AnnounceMessage(record, PositiveEd25519.Sign(keyPair, signable)).Encode();
            var reply = await _rpc.RequestAsync(node.From, command, targetBytes, value, token, Limits.RequestRetries, cancellationToken).ConfigureAwait(false);
            return reply is { Response.Error: DhtError.None } ? 1 : 0;
        });
        return (await Task.WhenAll(commits).ConfigureAwait(false)).Sum();
    }

    /// <summary>The storing side of ANNOUNCE / UNANNOUNCE: token, then shape, then signature, then the caps.</summary>
    private DhtError OnAnnounce(DhtRequest request, DhtId target, IPEndPoint from)
    {
        if (!_options.Persistent || _id is not { } id) return DhtError.UnknownCommand;
        if (request.Token is null || !_rpc.Tokens.Verify(from.Address, request.Token)) return DhtError.InvalidToken;
        if (request.Value is null || AnnounceMessage.Parse(request.Value) is not { } message) return DhtError.InvalidValue;
        var ns = request.Command == DhtCommand.Announce ? AnnounceMessage.AnnounceNamespace : AnnounceMessage.UnannounceNamespace;
        var signable = AnnounceMessage.Signable(ns, request.Target, id.ToArray(), request.Token, message.Record);
        if (!Verifies(message, signable)) return DhtError.InvalidValue;

        // A server announcing itself (its key hashes to the target) makes this node one of its relays.
        var self = DhtId.Hash(message.Record.PublicKey) == target;
        if (request.Command == DhtCommand.Unannounce)
        {
            if (self) _forwards.Remove(target);
            _records.Remove(target, message.Record.PublicKey);
            return DhtError.None;
        }
        var stored = self ? _forwards.Put(target, message.Record, from) : _records.Put(target, message.Record);
        return stored ? DhtError.None : DhtError.Full;
    }

    private static bool Verifies(AnnounceMessage message, byte[] signable)
    {
        try
        {
            return PositiveEd25519.Verify(new X25519PublicKey(message.Record.PublicKey), signable, message.Signature);
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private byte[]? LookupValue(DhtId topic)
    {
        var records = _records.Get(topic);
        if (_forwards.Get(topic) is { } forward) records.Insert(0, forward.Record);
        if (records.Count == 0) return null;
        return new LookupReply([.. records.Take(Protocol.Dht.DhtLimits.MaxLookupRecords)]).Encode();
    }
}
