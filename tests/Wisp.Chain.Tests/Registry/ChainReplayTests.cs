using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Chain.Tests.Registry;

// The vote-driven events (decommission, recommission, deregistration) need a quorum's signatures on chain; their
// effect on the node list is the replay's alone, checked here on decoded events.
public sealed class ChainReplayTests
{
    private const long ChainId = 31337;
    private const string Registry = "0x5FbDB2315678afecb367f032d315c4a2bFa1bF7a";
    private const string Operator = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private const string VoteKey = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static ChainNodeJoined Joined(Ed25519KeyPair node, long block, int port) =>
        new(block, "0x" + new string('a', 64), 0, node.PublicKey, node.X25519PublicKey, Operator, VoteKey, "127.0.0.1", port,
            JoinProof.Sign(node, ChainId, Registry, Operator, VoteKey));

    private static ChainNodeStatusChanged Status(Ed25519KeyPair node, long block, ChainNodeStatus status) =>
        new(block, "0x" + new string('b', 64), 0, node.PublicKey, status, status is ChainNodeStatus.Exiting or ChainNodeStatus.Deregistered ? block + 30 : null);

    [Fact]
    public void A_decommissioned_node_leaves_and_a_recommissioned_one_returns_at_its_newest_address()
    {
        using var node = Ed25519KeyPair.Generate();
        var replay = new ChainReplay(ChainId, Registry);

        Assert.Null(replay.Apply(Joined(node, 1, 22021), Time));
        Assert.Null(replay.Apply(Status(node, 2, ChainNodeStatus.Decommissioned), Time));
        var whileDown = replay.Ledger.Swarms.NodeCount;
        Assert.Null(replay.Apply(new ChainNodeAddressUpdated(3, "0x" + new string('c', 64), 0, node.PublicKey, "127.0.0.2", 22022), Time));
        Assert.Null(replay.Apply(Status(node, 4, ChainNodeStatus.Active), Time));

        Assert.Equal(0, whileDown);
        Assert.Equal(3, replay.Ledger.Version); // join, leave, join again; the move while down changed no version
        var record = replay.Ledger.FindNode(node.PublicKey)!;
        Assert.True(record.IsActive);
        Assert.Equal("127.0.0.2:22022", record.Endpoint);
        Assert.Equal(ChainNodeStatus.Active, Assert.Single(replay.States).Status);
    }

    [Fact]
    public void A_deregistered_node_leaves_and_after_its_withdrawal_may_join_again()
    {
        using var node = Ed25519KeyPair.Generate();
        var replay = new ChainReplay(ChainId, Registry);

        Assert.Null(replay.Apply(Joined(node, 1, 22021), Time));
        Assert.Null(replay.Apply(Status(node, 2, ChainNodeStatus.Deregistered), Time));
        var deregistered = Assert.Single(replay.States);
        Assert.Null(replay.Apply(new ChainNodeWithdrawn(40, "0x" + new string('d', 64), 0, node.PublicKey), Time));
        var afterWithdrawal = replay.States.Count;
        Assert.Null(replay.Apply(Joined(node, 41, 22021), Time));

        Assert.Equal(ChainNodeStatus.Deregistered, deregistered.Status);
        Assert.Equal(32, deregistered.UnlockBlock);
        Assert.Equal(0, afterWithdrawal);
        Assert.True(replay.Ledger.FindNode(node.PublicKey)!.IsActive);
    }

    [Fact]
    public void Events_about_a_node_whose_join_was_dropped_are_dropped_too()
    {
        using var node = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();
        var replay = new ChainReplay(ChainId, Registry);
        var forged = Joined(node, 1, 22021) with { Proof = JoinProof.Sign(other, ChainId, Registry, Operator, VoteKey) };

        var joinError = replay.Apply(forged, Time);
        var exitError = replay.Apply(Status(node, 2, ChainNodeStatus.Exiting), Time);

        Assert.Equal(RegistryErrorKind.BadSignature, joinError!.Kind);
        Assert.Equal(RegistryErrorKind.UnknownNode, exitError!.Kind);
        Assert.Equal(0, replay.Ledger.Version);
        Assert.Empty(replay.States);
    }
}
