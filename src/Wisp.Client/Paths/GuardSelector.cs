using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Paths;

/// <summary>
/// Chooses and keeps the client's guards: the <see cref="ClientLimits.GuardCount"/> nodes every onion path starts
/// with. Guards stored in the state directory (<see cref="GuardFile"/>) are kept while they are in the pool; empty
/// slots are filled with random pool nodes that pass a direct test (<see cref="INodeProbe"/>), and the choice is
/// stored again. A guard that keeps failing is dropped (<see cref="Drop"/>) and replaced at the next request.
/// </summary>
internal sealed class GuardSelector
{
    private readonly NodePool _pool;
    private readonly INodeProbe _probe;
    private readonly Random _random;
    private readonly string? _stateDirectory;
    private readonly SemaphoreSlim _filling = new(1, 1);
    private readonly Lock _lock = new();
    private List<Ed25519PublicKey> _guards;

    /// <summary>
    /// A selector over <paramref name="pool"/>. <paramref name="stateDirectory"/> is where <c>guards.json</c> is kept;
    /// null keeps guards in memory only.
    /// </summary>
    public GuardSelector(NodePool pool, INodeProbe probe, Random random, string? stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(random);
        _pool = pool;
        _probe = probe;
        _random = random;
        _stateDirectory = stateDirectory;
        _guards = stateDirectory is null ? [] : [.. GuardFile.Read(stateDirectory)];
    }

    /// <summary>The guards now (those still in the pool), without testing or filling anything.</summary>
    public IReadOnlyList<ServiceNode> Current
    {
        get
        {
            lock (_lock)
                return [.. _guards.Select(_pool.Find).OfType<ServiceNode>()];
        }
    }

    /// <summary>
    /// The guards, filling empty slots first: guards that left the pool are forgotten, and random untested nodes are
    /// tested until every slot is filled or <see cref="ClientLimits.MaxGuardCandidates"/> candidates were tried.
    /// Fewer than <see cref="ClientLimits.GuardCount"/> come back only when the pool cannot supply them.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ServiceNode>> GetGuardsAsync(CancellationToken cancellationToken)
    {
        var current = Current;
        if (current.Count >= ClientLimits.GuardCount)
            return current;

        await _filling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var kept = Current.ToList();
            var changed = kept.Count != _guards.Count;
            var candidates = Candidates(kept);
            var tried = 0;
            while (kept.Count < ClientLimits.GuardCount && tried < candidates.Count && tried < ClientLimits.MaxGuardCandidates)
            {
                var candidate = candidates[tried++];
                if (await _probe.TestAsync(candidate, cancellationToken).ConfigureAwait(false))
                {
                    kept.Add(candidate);
                    changed = true;
                }
            }
            if (changed)
                Replace(kept.Select(g => g.Ed25519));
            return kept;
        }
        finally
        {
            _filling.Release();
        }
    }

    /// <summary>Forgets <paramref name="guard"/> (it failed); a new guard is chosen at the next <see cref="GetGuardsAsync"/>.</summary>
    public void Drop(Ed25519PublicKey guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        List<Ed25519PublicKey> remaining;
        lock (_lock)
            remaining = _guards.Where(g => !g.Equals(guard)).ToList();
        Replace(remaining);
    }

    /// <summary>The pool's nodes that are not guards, in random order.</summary>
    private List<ServiceNode> Candidates(List<ServiceNode> kept)
    {
        var candidates = _pool.Nodes.Where(n => !kept.Any(g => g.Ed25519.Equals(n.Ed25519))).ToList();
        lock (_random)
        {
            for (var i = candidates.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            }
        }
        return candidates;
    }

    private void Replace(IEnumerable<Ed25519PublicKey> guards)
    {
        lock (_lock)
        {
            _guards = [.. guards];
            if (_stateDirectory is null)
                return;
            try
            {
                GuardFile.Write(_stateDirectory, _guards);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The guards stay in memory: an unwritable state directory must not stop requests. They are chosen again next run.
            }
        }
    }
}
