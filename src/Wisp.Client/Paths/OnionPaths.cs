using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Paths;

/// <summary>
/// The client's onion paths, one per guard: <c>[guard, random, random]</c>, distinct nodes from the pool, never the
/// request's destination. A request takes a random path that avoids its destination (and, where the pool allows,
/// the nodes its earlier attempts failed on); when none does, a path is built for it and replaces that guard's old
/// one. A path is rebuilt after <see cref="ClientLimits.PathFailuresBeforeRebuild"/> failures, and when the failures
/// were at the guard itself, the guard is dropped too. Randomness comes from the <see cref="Random"/> passed in.
/// </summary>
internal sealed class OnionPaths
{
    private readonly NodePool _pool;
    private readonly GuardSelector _guards;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly List<OnionPath> _paths = [];

    /// <summary>Paths over <paramref name="pool"/> starting at <paramref name="guards"/>' guards; <paramref name="random"/> picks the nodes.</summary>
    public OnionPaths(NodePool pool, GuardSelector guards, Random random)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(random);
        _pool = pool;
        _guards = guards;
        _random = random;
    }

    /// <summary>The paths built so far.</summary>
    public IReadOnlyList<OnionPath> Current
    {
        get
        {
            lock (_lock)
                return [.. _paths];
        }
    }

    /// <summary>
    /// A path for a request to <paramref name="destination"/> (never on it), avoiding <paramref name="avoid"/> where
    /// the pool has enough other nodes. Null when the pool cannot make a path (no guard, or too few nodes).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<OnionPath?> GetPathAsync(
        Ed25519PublicKey? destination, IReadOnlySet<Ed25519PublicKey>? avoid, CancellationToken cancellationToken)
    {
        var guards = await _guards.GetGuardsAsync(cancellationToken).ConfigureAwait(false);
        avoid ??= new HashSet<Ed25519PublicKey>();
        lock (_lock)
        {
            _paths.RemoveAll(p => !guards.Any(g => g.Ed25519.Equals(p.Guard.Ed25519)) || p.Nodes.Any(n => !_pool.Contains(n.Ed25519)));
            var usable = _paths.Where(p => !Touches(p, destination) && !p.Nodes.Any(n => avoid.Contains(n.Ed25519))).ToList();
            if (usable.Count > 0)
                return usable[Next(usable.Count)];
            var built = Build(guards, destination, avoid);
            if (built is not null)
            {
                _paths.RemoveAll(p => p.Guard.Ed25519.Equals(built.Guard.Ed25519));
                _paths.Add(built);
            }
            return built;
        }
    }

    /// <summary>The request on <paramref name="path"/> succeeded: its failures are forgiven.</summary>
    public void ReportSuccess(OnionPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        path.ResetFailures();
    }

    /// <summary>
    /// A request on <paramref name="path"/> failed because of the path. After
    /// <see cref="ClientLimits.PathFailuresBeforeRebuild"/> failures the path is dropped (the next request builds a
    /// new one); if <paramref name="atGuard"/> (the guard itself did not answer), the guard is dropped with it.
    /// </summary>
    public void ReportFailure(OnionPath path, bool atGuard)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.CountFailure() < ClientLimits.PathFailuresBeforeRebuild)
            return;
        lock (_lock)
            _paths.Remove(path);
        if (atGuard)
            _guards.Drop(path.Guard.Ed25519);
    }

    /// <summary>
    /// A new path: a guard (one not avoided, if any), then relays drawn from the pool's other nodes. The destination
    /// and the guards are never relays; avoided nodes only when nothing else is left.
    /// </summary>
    private OnionPath? Build(IReadOnlyList<ServiceNode> guards, Ed25519PublicKey? destination, IReadOnlySet<Ed25519PublicKey> avoid)
    {
        var allowedGuards = guards.Where(g => !g.Ed25519.Equals(destination)).ToList();
        if (allowedGuards.Count == 0)
            return null;
        var preferredGuards = allowedGuards.Where(g => !avoid.Contains(g.Ed25519)).ToList();
        var guardChoices = preferredGuards.Count > 0 ? preferredGuards : allowedGuards;
        var guard = guardChoices[Next(guardChoices.Count)];

        var relays = _pool.Nodes
            .Where(n => !n.Ed25519.Equals(destination) && !guards.Any(g => g.Ed25519.Equals(n.Ed25519)))
            .ToList();
        var fresh = relays.Where(n => !avoid.Contains(n.Ed25519)).ToList();
        var needed = ClientLimits.PathLength - 1;
        var chosen = Draw(fresh, needed);
        if (chosen.Count < needed)
            chosen.AddRange(Draw(relays.Where(n => !chosen.Contains(n)).ToList(), needed - chosen.Count));
        return chosen.Count == needed ? new OnionPath([guard, .. chosen]) : null;
    }

    /// <summary>Up to <paramref name="count"/> distinct nodes of <paramref name="from"/>, at random.</summary>
    private List<ServiceNode> Draw(List<ServiceNode> from, int count)
    {
        var picked = new List<ServiceNode>(count);
        while (picked.Count < count && from.Count > 0)
        {
            var at = Next(from.Count);
            picked.Add(from[at]);
            from.RemoveAt(at);
        }
        return picked;
    }

    private static bool Touches(OnionPath path, Ed25519PublicKey? node) => node is not null && path.Contains(node);

    private int Next(int count)
    {
        lock (_random)
            return _random.Next(count);
    }
}
