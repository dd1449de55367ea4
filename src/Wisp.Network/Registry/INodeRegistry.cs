namespace Wisp.Network.Registry;

/// <summary>
/// The source of truth for which nodes exist: a signed local file (<see cref="FileRegistry"/>) for a network on one
/// machine, and later an EVM staking contract for a network across machines. Nodes and clients read
/// <see cref="Current"/> and follow its changes; a bad update never replaces the last good snapshot.
/// </summary>
public interface INodeRegistry
{
    /// <summary>The last good snapshot; never null, never unverified.</summary>
    RegistrySnapshot Current { get; }

    /// <summary>Why the most recent update was rejected, or null when the most recent check succeeded.</summary>
    RegistryError? LastError { get; }

    /// <summary>Raised after <see cref="Current"/> moves to a newer version, on the thread that noticed it.</summary>
    event EventHandler<RegistryChangedEventArgs>? Changed;

    /// <summary>Raised when an update is rejected (the host logs it); <see cref="Current"/> stays as it was.</summary>
    event EventHandler<RegistryRejectedEventArgs>? Rejected;

    /// <summary>
    /// <see cref="Current"/> at once, then each newer snapshot. A slow reader skips intermediate versions and gets the
    /// newest (keep the last snapshot you processed and diff against it, see <see cref="Swarms.SwarmDiff"/>).
    /// </summary>
    IAsyncEnumerable<RegistrySnapshot> WatchAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the source now instead of waiting for the next poll.</summary>
    Task<RegistryRefreshOutcome> RefreshAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a refresh found.</summary>
public enum RegistryRefreshOutcome
{
    /// <summary>Nothing new.</summary>
    Unchanged,
    /// <summary>A newer valid version is now <see cref="INodeRegistry.Current"/>.</summary>
    Updated,
    /// <summary>The source changed but the new contents were rejected; see <see cref="INodeRegistry.LastError"/>.</summary>
    Rejected,
}

/// <summary>The registry moved from <see cref="Previous"/> to <see cref="Current"/>.</summary>
public sealed class RegistryChangedEventArgs(RegistrySnapshot previous, RegistrySnapshot current) : EventArgs
{
    private Swarms.SwarmDiff? _swarmChanges;

    /// <summary>The snapshot before.</summary>
    public RegistrySnapshot Previous { get; } = previous;

    /// <summary>The snapshot now in force.</summary>
    public RegistrySnapshot Current { get; } = current;

    /// <summary>How the swarms changed (computed on first use).</summary>
    public Swarms.SwarmDiff SwarmChanges => _swarmChanges ??= Swarms.SwarmDiff.Between(Previous.Swarms, Current.Swarms);
}

/// <summary>An update was rejected; <see cref="Error"/> says why.</summary>
public sealed class RegistryRejectedEventArgs(RegistryError error) : EventArgs
{
    /// <summary>Why it was rejected.</summary>
    public RegistryError Error { get; } = error;
}
