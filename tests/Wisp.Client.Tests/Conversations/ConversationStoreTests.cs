using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Conversations;

public sealed class ConversationStoreTests : IDisposable
{
    private const long Now = 1_750_000_000_000;
    private const long Day = 86_400_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-conversations-").FullName;
    private readonly ClientDatabase _database;
    private readonly DataKey _key = DataKey.Generate();
    private readonly ConversationStore _store;
    private readonly AccountId _self = Ed25519KeyPair.Generate().AccountId;
    private readonly AccountId _bob = Ed25519KeyPair.Generate().AccountId;
    private readonly AccountId _carol = Ed25519KeyPair.Generate().AccountId;

    public ConversationStoreTests()
    {
        _database = ClientDatabase.Open(Path.Combine(_directory, "client.db"));
        _store = new ConversationStore(_database, _key);
    }

    public void Dispose()
    {
        _database.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Nicknames_are_unique_ignoring_case_and_resolve_to_their_contact()
    {
        Assert.True(_store.TrySetContact(_bob, "Bob", Now, out _));
        Assert.False(_store.TrySetContact(_carol, "bob", Now, out var error));
        Assert.Contains("already", error);
        Assert.True(_store.TrySetContact(_bob, "Bobby", Now, out _)); // renaming keeps one contact
        Assert.True(_store.TrySetContact(_carol, "bob", Now, out _));

        Assert.Equal(_carol, _store.FindByNickname("BOB"));
        Assert.Equal("Bobby", _store.NicknameOf(_bob));
        Assert.Equal(2, _store.Contacts().Count);
        Assert.True(_store.RemoveContact(_carol));
        Assert.Null(_store.FindByNickname("bob"));
        Assert.False(_store.RemoveContact(_carol));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0007b")]
    [InlineData("123456789012345678901234567890123")]
    public void Unusable_nicknames_are_refused(string nickname)
    {
        Assert.False(_store.TrySetContact(_bob, nickname, Now, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_nickname_cannot_look_like_an_account_id()
    {
        Assert.False(_store.TrySetContact(_bob, _carol.Hex, Now, out var error));
        Assert.Contains("Account ID", error);
    }

    [Fact]
    public void Nicknames_and_bodies_are_encrypted_at_rest()
    {
        _store.TrySetContact(_bob, "Bob", Now, out _);
        _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "secret words", Now, Now, null, Now + Day);

        var bytes = File.ReadAllBytes(_database.Path).Concat(ReadWal()).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("secret words"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("Bob"u8));
    }

    [Fact]
    public void An_unknown_sender_makes_a_request_and_a_duplicate_hash_is_ignored()
    {
        var (first, message) = _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now + 5, null, Now + Day);
        var (again, _) = _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now + 9, null, Now + Day);

        Assert.Equal(IncomingOutcome.StoredAsRequest, first);
        Assert.Equal(IncomingOutcome.Duplicate, again);
        Assert.Equal("hi", message!.Body);
        Assert.Equal(ConversationState.Request, _store.Find(_bob)!.State);
        Assert.Single(_store.History(_bob));
        var summary = Assert.Single(_store.List());
        Assert.Equal(1, summary.Unread);
    }

    [Fact]
    public void Blocked_senders_are_dropped_and_declined_ones_start_a_new_request()
    {
        _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "one", Now, Now, null, Now + Day);
        _store.SetState(_bob, ConversationState.Declined, Now);
        Assert.Empty(_store.History(_bob));

        Assert.Equal(IncomingOutcome.StoredAsRequest, _store.AddIncoming(Hash(2), _bob, MessageKind.Text, "two", Now, Now, null, Now + Day).Outcome);
        _store.SetState(_bob, ConversationState.Blocked, Now);
        Assert.Equal(IncomingOutcome.Blocked, _store.AddIncoming(Hash(3), _bob, MessageKind.Text, "three", Now, Now, null, Now + Day).Outcome);
        Assert.True(_store.WasSeen(Hash(3)));
        Assert.Equal(["two"], _store.History(_bob).Select(m => m.Body));

        _store.SetState(_bob, ConversationState.Accepted, Now);
        Assert.Equal(IncomingOutcome.Stored, _store.AddIncoming(Hash(4), _bob, MessageKind.Text, "four", Now + 1, Now, null, Now + Day).Outcome);
    }

    [Fact]
    public void The_outbox_moves_a_message_from_pending_to_sent_or_failed_with_its_reason()
    {
        var sent = _store.AddOutgoing(_bob, _self, MessageKind.Text, "hello", Now, [1, 2, 3], Hash(1), null);
        var failed = _store.AddOutgoing(_bob, _self, MessageKind.Text, "lost?", Now + 1, [4], Hash(2), null);
        Assert.Equal(MessageStatus.Pending, sent.Status);
        Assert.Equal(2, _store.DueOutbox(Now + 1, 10).Count);

        _store.MarkAttemptFailed(failed.Id, "no onion path", Now + 1_000);
        Assert.Equal([sent.Id], _store.DueOutbox(Now + 1, 10).Select(i => i.Id));
        Assert.Equal(Now, _store.NextOutboxAttempt());
        _store.MarkSent(sent.Id);
        Assert.Equal(Now + 1_000, _store.NextOutboxAttempt());
        _store.MarkFailed(failed.Id, "gave up after 2 attempts: no onion path");

        Assert.Equal(MessageStatus.Sent, _store.FindMessage(sent.Id)!.Status);
        var view = _store.FindMessage(failed.Id)!;
        Assert.Equal(MessageStatus.Failed, view.Status);
        Assert.Equal("gave up after 2 attempts: no onion path", view.FailureReason);
        Assert.Equal(2, view.Attempts);
        Assert.Null(_store.NextOutboxAttempt());

        Assert.True(_store.Retry(failed.Id, Now + 5));
        Assert.Equal([4], Assert.Single(_store.DueOutbox(Now + 5, 10)).Payload);
        Assert.False(_store.Retry(sent.Id, Now + 5));
    }

    [Fact]
    public void Replying_to_a_request_accepts_it()
    {
        _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now, null, Now + Day);
        _store.AddOutgoing(_bob, _self, MessageKind.Text, "hello", Now + 1, [1], Hash(2), null);

        Assert.Equal(ConversationState.Accepted, _store.Find(_bob)!.State);
    }

    [Fact]
    public void Reading_returns_the_timestamps_to_acknowledge_and_receipts_mark_outgoing_messages()
    {
        _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "a", Now + 1, Now, null, Now + Day);
        _store.AddIncoming(Hash(2), _bob, MessageKind.Text, "b", Now + 2, Now, null, Now + Day);
        var mine = _store.AddOutgoing(_bob, _self, MessageKind.Text, "c", Now + 3, [1], Hash(3), null);

        Assert.Equal([Now + 1, Now + 2], _store.MarkRead(_bob, Now + 10));
        Assert.Empty(_store.MarkRead(_bob, Now + 11));
        Assert.Equal(0, _store.List()[0].Unread);
        Assert.Equal(1, _store.ApplyReadReceipt(_bob, [Now + 3, Now + 999], Now + 20));
        Assert.Equal(Now + 20, _store.FindMessage(mine.Id)!.ReadAtMs);
    }

    [Fact]
    public void Disappearing_messages_are_deleted_and_incoming_ones_queued_for_deletion_from_the_swarm()
    {
        _store.AddIncoming(Hash(1), _bob, MessageKind.Text, "gone soon", Now, Now, Now + 60_000, Now + Day);
        _store.AddOutgoing(_bob, _self, MessageKind.Text, "mine too", Now, [1], Hash(2), Now + 60_000);
        _store.AddIncoming(Hash(3), _bob, MessageKind.Text, "kept", Now, Now, null, Now + Day);

        Assert.Empty(_store.DeleteExpired(Now + 59_999));
        Assert.Equal(2, _store.DeleteExpired(Now + 60_000).Count);

        Assert.Equal(["kept"], _store.History(_bob).Select(m => m.Body));
        Assert.Equal([Hash(1)], _store.PendingSwarmDeletes(10));
        _store.ForgetSwarmDeletes([Hash(1)]);
        Assert.Empty(_store.PendingSwarmDeletes(10));
        Assert.True(_store.WasSeen(Hash(1))); // a disappeared message fetched again is not shown again
    }

    [Fact]
    public void Settings_and_poll_positions_persist()
    {
        _store.SetSettings(_bob, new ConversationSettings(TimeSpan.FromHours(1), false, true), Now);
        _store.SetLastHash("node-a", 0, Hash(7));
        _store.SetLastHash("node-a", 0, Hash(8));

        var reopened = new ConversationStore(_database, _key);
        Assert.Equal(new ConversationSettings(TimeSpan.FromHours(1), false, true), reopened.Find(_bob)!.Settings);
        Assert.Equal(Hash(8), reopened.LastHash("node-a", 0));
        Assert.Null(reopened.LastHash("node-b", 0));
    }

    [Fact]
    public void A_version_one_profile_database_migrates_and_keeps_its_rows()
    {
        var path = Path.Combine(_directory, "v1.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                + ClientSchema.Migrations[0].Sql
                + "INSERT INTO migrations VALUES (1, 'v1');"
                + $"INSERT INTO conversations (kind, peer, created) VALUES ('direct', '{_bob.Hex}', 1);";
            command.ExecuteNonQuery();
        }

        using var database = ClientDatabase.Open(path);
        Assert.Equal(ClientSchema.CurrentVersion, database.SchemaVersion);
        var conversation = new ConversationStore(database, _key).Find(_bob)!;
        Assert.Equal(ConversationState.Accepted, conversation.State);
        Assert.Equal(ConversationSettings.Default, conversation.Settings);
    }

    private static string Hash(int n) => $"{n:D43}";

    private IEnumerable<byte> ReadWal()
    {
        var wal = _database.Path + "-wal";
        if (!File.Exists(wal))
            return [];
        using var stream = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
