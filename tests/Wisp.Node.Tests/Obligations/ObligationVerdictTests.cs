using Wisp.Crypto.Keys;
using Wisp.Node.Obligations;

namespace Wisp.Node.Tests.Obligations;

/// <summary>Decommission before deregistration, recommission on recovery.</summary>
public sealed class ObligationVerdictTests
{
    private static readonly Ed25519PublicKey Key = Ed25519KeyPair.Generate().PublicKey;

    [Fact]
    public void An_active_node_that_fails_is_decommissioned_never_deregistered_at_once() =>
        Assert.Equal(VoteAction.Decommission, ObligationVerdict.Decide(new LedgerNode(Key, NodeStanding.Active, 0), passed: false, 100, 3));

    [Fact]
    public void An_active_node_that_passes_gets_no_vote() =>
        Assert.Null(ObligationVerdict.Decide(new LedgerNode(Key, NodeStanding.Active, 0), passed: true, 100, 3));

    [Fact]
    public void A_decommissioned_node_that_passes_is_recommissioned() =>
        Assert.Equal(VoteAction.Recommission, ObligationVerdict.Decide(new LedgerNode(Key, NodeStanding.Decommissioned, 99), passed: true, 100, 3));

    [Fact]
    public void A_decommissioned_node_that_still_fails_is_deregistered_only_after_the_delay()
    {
        var down = new LedgerNode(Key, NodeStanding.Decommissioned, 10);
        Assert.Null(ObligationVerdict.Decide(down, passed: false, 12, 3));
        Assert.Equal(VoteAction.Deregister, ObligationVerdict.Decide(down, passed: false, 13, 3));
    }
}
