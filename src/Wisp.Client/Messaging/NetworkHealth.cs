using Wisp.Client.Swarm;

namespace Wisp.Client.Messaging;

/// <summary>
/// Whether the network answers, as the outbox and the poller find it: the first failure to reach any node makes it
/// unreachable (reported once, with the reason), the next answer from a node makes it reachable again (reported once).
/// A node that answers with a refusal still counts as reached: the network is there.
/// </summary>
internal sealed class NetworkHealth
{
    private readonly Lock _gate = new();
    private bool _unreachable;

    /// <summary>Raised when the network stops answering (with why) and when it answers again (null).</summary>
    public event Action<string?>? Changed;

    /// <summary>True while the last call could not reach the network.</summary>
    public bool Unreachable
    {
        get
        {
            lock (_gate)
                return _unreachable;
        }
    }

    /// <summary>Records how a swarm call went.</summary>
    public void Report<T>(SwarmResult<T> result) where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is { } error && !Reached(error.Failure))
            Report(reachable: false, error.Message);
        else
            Report(reachable: true, null);
    }

    /// <summary>Records a call that reached the network, or one that did not and why.</summary>
    public void Report(bool reachable, string? reason)
    {
        bool changed;
        lock (_gate)
        {
            changed = _unreachable == reachable;
            _unreachable = !reachable;
        }
        if (changed)
            Changed?.Invoke(reachable ? null : reason ?? "no node answered");
    }

    private static bool Reached(SwarmFailure failure) =>
        failure is SwarmFailure.None or SwarmFailure.Rejected or SwarmFailure.BadReply or SwarmFailure.RequestRefused;
}
