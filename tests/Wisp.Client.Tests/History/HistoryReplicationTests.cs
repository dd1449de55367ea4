using Wisp.Client.History;
using Wisp.Crypto.Keys;
using Wisp.Protocol.History;

namespace Wisp.Client.Tests.History;

/// <summary>
/// Own logs, replication between two devices' databases, restore into a new device, and what is refused: a tampered
/// replica, a fork, a log of someone else's conversation.
/// </summary>
public sealed class HistoryReplicationTests : IDisposable
{
    private readonly Ed25519KeyPair _alice = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _bob = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _carol = Ed25519KeyPair.Generate();
    private readonly HistoryDevice _aliceOld;
    private readonly HistoryDevice _bobDevice;

    public HistoryReplicationTests()
    {
        _aliceOld = new HistoryDevice(_alice);
        _bobDevice = new HistoryDevice(_bob);
    }

    public void Dispose()
    {
        _aliceOld.Dispose();
        _bobDevice.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        _carol.Dispose();
    }

    [Fact]
    public void Each_sent_message_is_appended_to_the_conversations_log_under_a_new_signed_head()
    {
        for (var i = 0; i < 3; i++)
            _aliceOld.Send(_bob.AccountId, $"hi {i}", HistoryDevice.Now + i);
        _aliceOld.Send(_carol.AccountId, "hello carol", HistoryDevice.Now);

        var logs = _aliceOld.Store.List();
        Assert.Equal(2, logs.Count);
        var log = logs.Single(l => l.Manifest.Conversation == _bob.AccountId);
        Assert.True(log.Own);
        Assert.True(log.Manifest.Verify());
        Assert.Equal(_alice.AccountId, log.Owner);
        Assert.Equal(3UL, log.Length);
        Assert.True(log.Head!.Verify(log.Manifest.LogKey));
        var nodes = _aliceOld.Store.Nodes(log.LogId);
        Assert.Equal(log.Head.TreeHash, MerkleTree.TreeHash(nodes, 3));
        Assert.Equal(nodes.Get(FlatTree.LeafIndex(1))!.Hash, LogEntry.Decode(_aliceOld.Store.Block(log.LogId, 2)!).Previous);
    }

    [Fact]
    public async Task A_new_device_restores_its_sent_history_from_the_contacts_replica_once()
    {
        for (var i = 0; i < 300; i++) // more than one range of 256
            _aliceOld.Send(_bob.AccountId, $"old {i}", HistoryDevice.Now + i);
        await HistoryDevice.ReplicateAsync(_aliceOld, _bobDevice);
        var replica = _bobDevice.Store.List().Single();
        Assert.False(replica.Own);
        Assert.Equal((300UL, 0UL), (replica.Length, replica.Gap));

        using var aliceNew = new HistoryDevice(_alice);
        var (fetch, _) = await HistoryDevice.ReplicateAsync(aliceNew, _bobDevice);
        Assert.True(fetch.Settled.IsCompletedSuccessfully);
        var first = HistoryImport.Run(aliceNew.Data, _alice.AccountId, HistoryDevice.Now);
        Assert.Equal(new HistoryImportResult(300, 0, 0), first);
        var messages = aliceNew.Messages(_bob.AccountId);
        Assert.Equal(300, messages.Count);
        Assert.Equal(("Out", "old 0", HistoryDevice.Now), messages[0]);

        await HistoryDevice.ReplicateAsync(aliceNew, _bobDevice); // nothing new, nothing doubled
        Assert.Equal(new HistoryImportResult(0, 0, 0), HistoryImport.Run(aliceNew.Data, _alice.AccountId, HistoryDevice.Now));
        Assert.Equal(300, aliceNew.Messages(_bob.AccountId).Count);
    }

    [Fact]
    public async Task The_contact_imports_the_log_as_messages_received_and_skips_ones_it_holds()
    {
        _aliceOld.Send(_bob.AccountId, "one", HistoryDevice.Now);
        _aliceOld.Send(_bob.AccountId, "two", HistoryDevice.Now + 1);
        _bobDevice.Data.Messages.AddIncoming("hash-one", _alice.AccountId, Wisp.Client.Conversations.MessageKind.Text, "one", HistoryDevice.Now, HistoryDevice.Now, null, HistoryDevice.Now + 1000);
        await HistoryDevice.ReplicateAsync(_aliceOld, _bobDevice);
        Assert.Equal(new HistoryImportResult(1, 1, 0), HistoryImport.Run(_bobDevice.Data, _bob.AccountId, HistoryDevice.Now));
        Assert.Equal([("In", "one", HistoryDevice.Now), ("In", "two", HistoryDevice.Now + 1)], _bobDevice.Messages(_alice.AccountId));
    }

    [Fact]
    public async Task A_tampered_replica_is_refused_and_reported_and_nothing_is_imported()
    {
        for (var i = 0; i < 5; i++)
            _aliceOld.Send(_bob.AccountId, $"old {i}", HistoryDevice.Now + i);
        await HistoryDevice.ReplicateAsync(_aliceOld, _bobDevice);
        var logId = _bobDevice.Store.List().Single().LogId;
        var block = _bobDevice.Store.Block(logId, 2)!;
        block[^1] ^= 1; // Bob's copy of "old 2" altered
        lock (_bobDevice.Data.Local.Gate)
            _bobDevice.Store.PutBlock(logId, 2, block);

        using var aliceNew = new HistoryDevice(_alice);
        await HistoryDevice.ReplicateAsync(aliceNew, _bobDevice);
        var log = aliceNew.Store.Find(logId)!;
        Assert.Equal((0UL, 5UL), (log.Length, log.Gap));
        Assert.Contains(aliceNew.Store.Refusals(), r => r.Reason.Contains("signed tree hash", StringComparison.Ordinal));
        Assert.Equal(new HistoryImportResult(0, 0, 0), HistoryImport.Run(aliceNew.Data, _alice.AccountId, HistoryDevice.Now));
    }

    [Fact]
    public async Task Two_signed_heads_that_disagree_are_a_fork_and_the_log_is_refused()
    {
        for (var i = 0; i < 4; i++)
            _aliceOld.Send(_bob.AccountId, $"m {i}", HistoryDevice.Now + i);
        await HistoryDevice.ReplicateAsync(_aliceOld, _bobDevice);

        // The log key signs a different history of the same length (as a cloned device would).
        var own = _aliceOld.Store.List().Single();
        using var key = _aliceOld.Store.OwnKey(own.LogId)!;
        var forked = new MemoryTreeNodes();
        for (var i = 0UL; i < 4; i++)
            MerkleTree.Append(forked, i, i == 1 ? [1, 2, 3] : _aliceOld.Store.Block(own.LogId, i)!);
        var head = SignedTreeHead.Sign(key, own.LogId, 4, MerkleTree.TreeHash(forked, 4)!);
        var replicator = new HistoryReplicator(_bobDevice.Store, _bob.AccountId, _alice.AccountId, (_, _) => Task.CompletedTask, TimeProvider.System);
        await replicator.ReceiveAsync(new HistorySync([new HeldLog(own.Manifest, head)]).Encode(), TestContext.Current.CancellationToken);

        var replica = _bobDevice.Store.Find(own.LogId)!;
        Assert.StartsWith("fork:", replica.Refused);
        Assert.Contains(_bobDevice.Store.Refusals(), r => r.Reason.StartsWith("fork:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contact_never_gets_nor_gives_logs_of_other_conversations()
    {
        _aliceOld.Send(_carol.AccountId, "for carol only", HistoryDevice.Now);
        _aliceOld.Send(_bob.AccountId, "for bob", HistoryDevice.Now);
        await HistoryDevice.ReplicateAsync(_aliceOld, _bobDevice);
        Assert.Equal(_bob.AccountId, _bobDevice.Store.List().Single().Manifest.Conversation);

        // Bob asks for the Carol log by id anyway: no data.
        var carolLog = _aliceOld.Store.OwnLogOf(_carol.AccountId)!;
        var answers = new List<byte[]>();
        var alice = new HistoryReplicator(_aliceOld.Store, _alice.AccountId, _bob.AccountId, (f, _) => { answers.Add(f); return Task.CompletedTask; }, TimeProvider.System);
        await alice.ReceiveAsync(new HistoryRequest(1, carolLog, 0, 1, 0).Encode(), TestContext.Current.CancellationToken);
        Assert.Equal("no such log", Assert.IsType<HistoryNoData>(HistoryMessage.Decode(answers.Single())).Reason);

        // A sync from Alice naming her Carol log is refused by Bob.
        var bob = new HistoryReplicator(_bobDevice.Store, _bob.AccountId, _alice.AccountId, (_, _) => Task.CompletedTask, TimeProvider.System);
        var carol = _aliceOld.Store.Find(carolLog)!;
        await bob.ReceiveAsync(new HistorySync([new HeldLog(carol.Manifest, carol.Head!)]).Encode(), TestContext.Current.CancellationToken);
        Assert.Null(_bobDevice.Store.Find(carolLog));
        Assert.Contains(_bobDevice.Store.Refusals(), r => r.Reason.Contains("not of the conversation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_own_device_gets_every_log_and_a_head_ahead_of_the_blocks_is_a_gap()
    {
        _aliceOld.Send(_carol.AccountId, "c", HistoryDevice.Now);
        _aliceOld.Send(_bob.AccountId, "b", HistoryDevice.Now);
        using var aliceNew = new HistoryDevice(_alice);
        await HistoryDevice.ReplicateAsync(aliceNew, _aliceOld);
        Assert.Equal(2, aliceNew.Store.List().Count(l => !l.Own && l.Length == 1));

        // Bob learns of a longer head than anyone serves him: a gap of 2 blocks, shown.
        _aliceOld.Send(_bob.AccountId, "b2", HistoryDevice.Now + 1);
        _aliceOld.Send(_bob.AccountId, "b3", HistoryDevice.Now + 2);
        var own = _aliceOld.Store.Find(_aliceOld.Store.OwnLogOf(_bob.AccountId)!)!;
        var bob = new HistoryReplicator(_bobDevice.Store, _bob.AccountId, _alice.AccountId, (_, _) => Task.CompletedTask, TimeProvider.System);
        await bob.ReceiveAsync(new HistorySync([new HeldLog(own.Manifest, own.Head!)]).Encode(), TestContext.Current.CancellationToken);
        Assert.Equal(3UL, _bobDevice.Store.Find(own.LogId)!.Gap);
    }
}
