namespace Wisp.Node.Obligations;

/// <summary>The bounds of obligation testing and voting, each with its unit and reason.</summary>
public static class ObligationLimits
{
    /// <summary>Nodes one quorum tests in a round, at most: Session's <c>STATE_CHANGE_MIN_NODES_TO_TEST</c> (50).</summary>
    public const int MaxTargetsPerRound = 50;

    /// <summary>Rounds of collected signatures kept: a vote may arrive while the sender is a round behind or ahead.</summary>
    public const int RoundsKept = 4;

    /// <summary>Time one node's tests may take: a node that cannot answer within it fails (the peer-test forward timeout is shorter).</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Time to hand one signed vote to one quorum member.</summary>
    public static readonly TimeSpan VoteSendTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often the node looks for a new round when none is given: a round is a few blocks.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Rounds a decommissioned node may stay down before the quorum deregisters it (its stake penalised): 72 rounds,
    /// a day at the production round of 100 blocks of 12 s, twelve minutes on a local chain's 10-block rounds of 1 s.
    /// Session's decommission credit runs from 2 h (new node) to 48 h; Wisp gives every node the same fixed credit.
    /// </summary>
    public const long DeregisterAfterRounds = 72;

    /// <summary>Tests of one round run this many at a time, so a quorum member does not flood its own link.</summary>
    public const int ParallelTests = 8;
}
