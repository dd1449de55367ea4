using Wisp.Chain.Keys;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Chain.Registry;

/// <summary>
/// Turns the registry contract's events, in chain order, into the registry's changes on a <see cref="RegistryLedger"/>
/// (the ledger the file registry replays, so the same history gives the same nodes and swarms). A join or a
/// recommission lists a node (<see cref="NodeJoin"/>), an address change moves it, and an exit request, a
/// decommission or a deregistration unlists it (<see cref="NodeLeave"/>). Each change is dated with its block's
/// time. A join whose Ed25519 proof fails, or that the ledger's rules refuse, is dropped with the reason, and so is
/// anything later about a node that never got in.
/// </summary>
internal sealed class ChainReplay
{
    /// <summary>
    /// The software version recorded for chain-listed nodes: the contract does not carry one, and every party must
    /// record the same string for the registry hashes (and so the swarms) to agree.
    /// </summary>
    public const string SoftwareVersion = "unannounced";

    private readonly long _chainId;
    private readonly string _registryAddress;
    private readonly Dictionary<Ed25519PublicKey, ChainNodeState> _states;
    private readonly Dictionary<Ed25519PublicKey, NodeJoin> _lastJoins;

    public ChainReplay(long chainId, string registryAddress)
    {
        _chainId = chainId;
        _registryAddress = registryAddress;
        Ledger = new RegistryLedger();
        _states = [];
        _lastJoins = [];
    }

    private ChainReplay(ChainReplay source)
    {
        _chainId = source._chainId;
        _registryAddress = source._registryAddress;
        Ledger = source.Ledger.Clone();
        _states = new(source._states);
        _lastJoins = new(source._lastJoins);
    }

    /// <summary>The registry as replayed so far.</summary>
    public RegistryLedger Ledger { get; }

    /// <summary>Every node the contract still knows (not withdrawn) whose join was accepted, with where it stands.</summary>
    public IReadOnlyCollection<ChainNodeState> States => _states.Values;

    /// <summary>An independent copy to apply a batch to, so a failed batch leaves this one as it was.</summary>
    public ChainReplay Clone() => new(this);

    /// <summary>Applies <paramref name="chainEvent"/>; null when applied, else why it was dropped (the replay is unchanged then).</summary>
    public RegistryError? Apply(ChainNodeEvent chainEvent, DateTimeOffset blockTime)
    {
        ArgumentNullException.ThrowIfNull(chainEvent);
        var node = chainEvent.Node;
        if (chainEvent is ChainNodeJoined joined)
            return Join(joined, blockTime);
        if (!_states.TryGetValue(node, out var state))
            return Dropped(chainEvent, RegistryErrorKind.UnknownNode, $"node {node} has no accepted join in this registry");
        switch (chainEvent)
        {
            case ChainNodeAddressUpdated updated:
            {
                // Only a listed node is in the ledger; an unlisted one's new address is used if it is recommissioned.
                if (state.IsListed && Append(chainEvent, new NodeAddressUpdate(node, updated.Host, updated.Port, SoftwareVersion), blockTime) is { } refused)
                    return refused;
                _lastJoins[node] = _lastJoins[node] with { Host = updated.Host, Port = updated.Port };
                return null;
            }
            case ChainNodeStatusChanged changed:
            {
                var listed = changed.Status == ChainNodeStatus.Active;
                if (listed && !state.IsListed && Append(chainEvent, _lastJoins[node], blockTime) is { } refusedJoin)
                    return refusedJoin;
                if (!listed && state.IsListed && Append(chainEvent, new NodeLeave(node), blockTime) is { } refusedLeave)
                    return refusedLeave;
                _states[node] = state with { Status = changed.Status, UnlockBlock = changed.UnlockBlock };
                return null;
            }
            case ChainNodeWithdrawn:
                if (state.IsListed && Append(chainEvent, new NodeLeave(node), blockTime) is { } refused2)
                    return refused2;
                _states.Remove(node);
                _lastJoins.Remove(node);
                return null;
            default:
                return Dropped(chainEvent, RegistryErrorKind.Malformed, $"unknown event {chainEvent.GetType().Name}");
        }
    }

    private RegistryError? Join(ChainNodeJoined joined, DateTimeOffset blockTime)
    {
        var node = joined.Node;
        if (!JoinProof.Verify(joined.Proof, _chainId, _registryAddress, joined.Operator, node, joined.X25519Key, joined.VoteKey))
            return Dropped(joined, RegistryErrorKind.BadSignature, $"node {node}'s join is dropped: its Ed25519 proof does not verify");
        var join = new NodeJoin(node, joined.X25519Key, joined.Host, joined.Port, SoftwareVersion);
        if (Append(joined, join, blockTime) is { } refused)
            return refused;
        _lastJoins[node] = join;
        _states[node] = new ChainNodeState(node, joined.Operator, joined.VoteKey, ChainNodeStatus.Active, joined.BlockNumber, null);
        return null;
    }

    private RegistryError? Append(ChainNodeEvent chainEvent, RegistryChange change, DateTimeOffset blockTime)
    {
        var appended = Ledger.Append(change, blockTime);
        return appended.IsSuccess ? null : Dropped(chainEvent, appended.Error.Kind, appended.Error.Message);
    }

    private static RegistryError Dropped(ChainNodeEvent chainEvent, RegistryErrorKind kind, string message) =>
        new(kind, $"block {chainEvent.BlockNumber} event {chainEvent.LogIndex}: {message}");
}
