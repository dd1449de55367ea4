using System.Net;
using Wisp.Dht.Routing;
using Wisp.Dht.Rpc;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Queries;

/// <summary>A reply to a query, from a node <see cref="Hops"/> requests away from the start (a seed is 1).</summary>
internal sealed record QueryReply(DhtId Id, IPEndPoint From, DhtResponse Response, int Hops);

/// <summary>What a query found: the k closest nodes that answered with their id (persistent nodes), closest first, and every reply carrying a value.</summary>
internal sealed record QueryResult(IReadOnlyList<QueryReply> Closest, IReadOnlyList<QueryReply> Values, int Requests)
{
    /// <summary>Hops to the closest node found (0 when none answered).</summary>
    public int Hops => Closest.Count == 0 ? 0 : Closest[0].Hops;
}

/// <summary>
/// An iterative Kademlia query as dht-rpc runs it: ask the closest known nodes <see cref="Limits.QueryConcurrency"/>
/// at a time, learn closer ones from their replies, and stop when no unasked node is closer than the k-th closest
/// that answered. Bounded by <see cref="Limits.MaxQueryRequests"/> requests and <see cref="Limits.MaxQueryCandidates"/> candidates.
/// </summary>
internal sealed class Query(DhtRpc rpc, DhtId target, DhtCommand command, byte[]? value, IReadOnlySet<IPEndPoint> exclude)
{
    private readonly List<Candidate> _candidates = [];
    private readonly HashSet<DhtId> _seen = [];
    private readonly List<QueryReply> _closest = [];
    private readonly List<QueryReply> _values = [];
    private int _requests;

    public async Task<QueryResult> RunAsync(IEnumerable<IPEndPoint> seeds, CancellationToken cancellationToken)
    {
        foreach (var seed in seeds) AddCandidate(DhtAddress.Normalize(seed), 1);
        var running = new List<Task<(Candidate, RpcReply?)>>();
        var targetBytes = target.ToArray();
        while (true)
        {
            while (running.Count < Limits.QueryConcurrency && _requests < Limits.MaxQueryRequests && TryNext(out var next))
            {
                _requests++;
                running.Add(AskAsync(next, targetBytes, cancellationToken));
            }
            if (running.Count == 0) break;
            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            var (asked, reply) = await done.ConfigureAwait(false);
            if (reply is not null) Take(asked, reply);
        }
        return new QueryResult(_closest, _values, _requests);
    }

    private async Task<(Candidate, RpcReply?)> AskAsync(Candidate candidate, byte[] targetBytes, CancellationToken cancellationToken) =>
        (candidate, await rpc.RequestAsync(candidate.EndPoint, command, targetBytes, value, null, Limits.QueryRetries, cancellationToken).ConfigureAwait(false));

    private void Take(Candidate asked, RpcReply reply)
    {
        var response = reply.Response;
        if (response.Value is not null) _values.Add(new QueryReply(asked.Id, reply.From, response, asked.Hops));
        // Only a node whose id is the hash of the address it answered from counts as one of the closest.
        if (response.Id is not null && DhtId.FromBytes(response.Id) == asked.Id)
        {
            _closest.Add(new QueryReply(asked.Id, reply.From, response, asked.Hops));
            _closest.Sort((x, y) => target.CompareDistance(x.Id, y.Id));
            if (_closest.Count > Limits.K) _closest.RemoveAt(_closest.Count - 1);
        }
        foreach (var node in response.CloserNodes ?? []) AddCandidate(node, asked.Hops + 1);
    }

    private void AddCandidate(IPEndPoint endpoint, int hops)
    {
        if (exclude.Contains(endpoint) || endpoint.Port == 0) return;
        var id = Contact.IdOf(endpoint);
        if (!_seen.Add(id)) return;
        var candidate = new Candidate(id, endpoint, hops);
        var at = _candidates.BinarySearch(candidate, Comparer<Candidate>.Create((x, y) => target.CompareDistance(x.Id, y.Id)));
        _candidates.Insert(at < 0 ? ~at : at, candidate);
        if (_candidates.Count > Limits.MaxQueryCandidates) _candidates.RemoveAt(_candidates.Count - 1);
    }

    private bool TryNext(out Candidate next)
    {
        next = default!;
        if (_candidates.Count == 0) return false;
        var first = _candidates[0];
        if (_closest.Count >= Limits.K && target.CompareDistance(first.Id, _closest[^1].Id) >= 0) return false;
        _candidates.RemoveAt(0);
        next = first;
        return true;
    }

    private sealed record Candidate(DhtId Id, IPEndPoint EndPoint, int Hops);
}
