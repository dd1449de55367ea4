using Wisp.Chain.Votes;
using Wisp.Node.Obligations;

namespace Wisp.Node.Tests.Obligations;

/// <summary>The 7-of-10 rule: only quorum members' valid signatures count, one per seat, for a vote that fits the node.</summary>
public sealed class VoteTallyTests
{
    [Fact]
    public void Seven_distinct_members_of_ten_reach_the_threshold_and_six_do_not()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 2);
        var tally = new VoteTally(ledger);
        var subject = new VoteSubject(ledger.Round.Number, VoteAction.Decommission, ledger.Keys[10]);
        Assert.Equal(7, ledger.Round.Threshold);

        for (var i = 0; i < 6; i++)
            Assert.Equal(i + 1, tally.Add(ledger.Round, subject, ledger.Keys[i], ledger.SignAs(i, subject)).Count);
        Assert.True(tally.Signatures(subject).Count < ledger.Round.Threshold);

        var seventh = tally.Add(ledger.Round, subject, ledger.Keys[6], ledger.SignAs(6, subject));
        Assert.True(seventh.Accepted);
        Assert.Equal(7, seventh.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], tally.Signatures(subject).Select(s => s.Seat));
    }

    [Fact]
    public void A_member_signing_twice_counts_once()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 1);
        var tally = new VoteTally(ledger);
        var subject = new VoteSubject(ledger.Round.Number, VoteAction.Decommission, ledger.Keys[10]);

        tally.Add(ledger.Round, subject, ledger.Keys[3], ledger.SignAs(3, subject));
        var again = tally.Add(ledger.Round, subject, ledger.Keys[3], ledger.SignAs(3, subject));

        Assert.Equal(1, again.Count);
    }

    [Fact]
    public void A_node_outside_the_quorum_is_refused()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 2);
        var tally = new VoteTally(ledger);
        var subject = new VoteSubject(ledger.Round.Number, VoteAction.Decommission, ledger.Keys[10]);

        var outcome = tally.Add(ledger.Round, subject, ledger.Keys[11], ledger.SignAs(11, subject));

        Assert.False(outcome.Accepted);
        Assert.Contains("is not in the quorum of round 7", outcome.Refusal);
        Assert.Empty(tally.Signatures(subject));
    }

    [Fact]
    public void A_signature_by_another_members_key_is_refused()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 1);
        var tally = new VoteTally(ledger);
        var subject = new VoteSubject(ledger.Round.Number, VoteAction.Decommission, ledger.Keys[10]);

        // Member 1 claims member 2's signature as its own: the seat's vote key did not sign it.
        var outcome = tally.Add(ledger.Round, subject, ledger.Keys[1], ledger.SignAs(2, subject));

        Assert.False(outcome.Accepted);
        Assert.StartsWith("the signature is not the vote of", outcome.Refusal);
    }

    [Fact]
    public void A_signature_of_another_vote_is_refused()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 1);
        var tally = new VoteTally(ledger);
        var subject = new VoteSubject(ledger.Round.Number, VoteAction.Decommission, ledger.Keys[10]);
        var otherRound = subject with { Round = subject.Round + 1 };

        Assert.False(tally.Add(ledger.Round, subject, ledger.Keys[0], ledger.SignAs(0, otherRound)).Accepted);
        Assert.False(tally.Add(ledger.Round, subject, ledger.Keys[0], new byte[VoteSignature.Bytes]).Accepted);
    }

    [Fact]
    public void A_vote_for_another_round_or_one_that_does_not_fit_the_nodes_standing_is_refused()
    {
        var ledger = new FixedRoundLedger(members: 10, others: 1);
        var tally = new VoteTally(ledger);
        var recommission = new VoteSubject(ledger.Round.Number, VoteAction.Recommission, ledger.Keys[10]);
        var later = new VoteSubject(ledger.Round.Number + 1, VoteAction.Decommission, ledger.Keys[10]);

        var unfit = tally.Add(ledger.Round, recommission, ledger.Keys[0], ledger.SignAs(0, recommission));
        var wrongRound = tally.Add(ledger.Round, later, ledger.Keys[0], ledger.SignAs(0, later));

        Assert.Equal("a recommission vote does not fit a node that is active", unfit.Refusal);
        Assert.Equal("the vote is for round 8, not 7", wrongRound.Refusal);
    }

    [Theory]
    [InlineData(10, 7)]
    [InlineData(5, 4)]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    public void The_threshold_is_seven_tenths_of_the_quorum_rounded_up(int members, int required) =>
        Assert.Equal(required, QuorumDraw.Required(members));
}
