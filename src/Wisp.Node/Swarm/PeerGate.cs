using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;
using Wisp.Crypto.Keys;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Swarm;

/// <summary>
/// What a node-to-node request passes besides its signature: a rate per calling node (the edge's token buckets,
/// <see cref="ClientRateLimiter"/>, keyed by node: <see cref="ReplicationLimits.PeerRequestsPerSecond"/>,
/// <see cref="ReplicationLimits.PeerRequestBurst"/>) and a
/// replay cache of nonces seen inside the clock window. The rate is looked at before the body is read
/// (<see cref="RateRefusal"/>) but a token is taken only once the signature verified (<see cref="Admit"/>): a stranger
/// who puts a real node's key in the header cannot spend that node's allowance. Bounded: one bucket per node that
/// was active in the registry (callers are checked against it first; its history is capped), at most <see cref="ReplicationLimits.MaxRememberedNonces"/> nonces.
/// </summary>
public sealed class PeerGate(
    TimeProvider time, double ratePerSecond = ReplicationLimits.PeerRequestsPerSecond, int burst = ReplicationLimits.PeerRequestBurst,
    int maxNonces = ReplicationLimits.MaxRememberedNonces)
{
    private readonly Lock _lock = new();
    private readonly ClientRateLimiter _rate = new(ratePerSecond, burst, time);
    private readonly Dictionary<UInt128, long> _nonces = [];
    private readonly PriorityQueue<UInt128, long> _expiries = new();

    /// <summary>Nonces remembered now.</summary>
    public int RememberedNonces
    {
        get
        {
            lock (_lock) return _nonces.Count;
        }
    }

    /// <summary>Null when <paramref name="node"/> has a request left in its allowance; else a 429 refusal. Takes nothing.</summary>
    public PeerCheck? RateRefusal(Ed25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _rate.HasToken(ClientRateLimiter.KeyOfNode(node)) ? null : TooMany(node);
    }

    /// <summary>
    /// For a request whose signature verified: null when it is admitted (its nonce remembered and a token taken), else
    /// why not — 401 for a nonce already seen, 429 for a node past its rate, 503 when the nonce memory is full.
    /// </summary>
    public PeerCheck? Admit(PeerCheck verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        var nonce = BinaryPrimitives.ReadUInt128BigEndian(verified.Nonce);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            Forget(nowMs);
            if (_nonces.ContainsKey(nonce))
                return PeerCheck.Refuse(StatusCodes.Status401Unauthorized,
                    $"{PeerAuthentication.NonceHeader} was already used: a node-to-node request is accepted once");
            if (_nonces.Count >= maxNonces)
                return PeerCheck.Refuse(StatusCodes.Status503ServiceUnavailable, "this node is receiving too many node-to-node requests; try again shortly");
            if (!_rate.TryAcquire(ClientRateLimiter.KeyOfNode(verified.Node!)).Allowed)
                return TooMany(verified.Node!);
            // Remembered for as long as the same headers would still pass the clock check.
            var expiry = verified.TimestampMs + (long)NodeLinkLimits.PeerClockTolerance.TotalMilliseconds;
            _nonces[nonce] = expiry;
            _expiries.Enqueue(nonce, expiry);
            return null;
        }
    }

    private void Forget(long nowMs)
    {
        while (_expiries.TryPeek(out var nonce, out var expiry) && expiry < nowMs)
        {
            _expiries.Dequeue();
            _nonces.Remove(nonce);
        }
    }

    private static PeerCheck TooMany(Ed25519PublicKey node) =>
        PeerCheck.Refuse(StatusCodes.Status429TooManyRequests, $"node {node.ToHex()} is making too many node-to-node requests; slow down");
}
