namespace Wisp.Node.Obligations;

/// <summary>
/// What a quorum member votes after testing a node, given the node's standing: an active node that fails is
/// decommissioned (never deregistered at once: Session's decommission before deregistration); a decommissioned node
/// that passes is recommissioned; one that still fails once it has been down for the registry's deregistration
/// delay is deregistered. Otherwise no vote.
/// </summary>
public static class ObligationVerdict
{
    /// <summary>The vote on <paramref name="node"/> in <paramref name="round"/> after a test that <paramref name="passed"/>, or null.</summary>
    public static VoteAction? Decide(LedgerNode node, bool passed, long round, long deregisterAfterRounds)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Standing switch
        {
            NodeStanding.Active => passed ? null : VoteAction.Decommission,
            NodeStanding.Decommissioned when passed => VoteAction.Recommission,
            NodeStanding.Decommissioned when round - node.SinceRound >= deregisterAfterRounds => VoteAction.Deregister,
            _ => null,
        };
    }

    /// <summary>True when <paramref name="action"/> is a vote the registry could apply to a node of <paramref name="standing"/>.</summary>
    public static bool Fits(VoteAction action, NodeStanding standing) => action switch
    {
        VoteAction.Decommission => standing == NodeStanding.Active,
        VoteAction.Recommission or VoteAction.Deregister => standing == NodeStanding.Decommissioned,
        _ => false,
    };
}
