using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Conversations;

/// <summary>The account's stores (<see cref="AccountData"/>): contacts, conversations, messages, outbox, poll state, disappearing messages, change feed.</summary>
public sealed class AccountDataTests : IDisposable
{
    private const long Now = 1_750_000_000_000;
    private const long Day = 86_400_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-conversations-").FullName;
    private readonly ClientDatabase _database;
    private readonly DataKey _key = DataKey.Generate();
    private readonly AccountData _store;
    private readonly AccountId _self = Ed25519KeyPair.Generate().AccountId;
    private readonly AccountId _bob = Ed25519KeyPair.Generate().AccountId;
    private readonly AccountId _carol = Ed25519KeyPair.Generate().AccountId;

    public AccountDataTests()
    {
        _database = ClientDatabase.Open(Path.Combine(_directory, "client.db"));
        _store = new AccountData(_database, _key);
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
        Assert.True(_store.Contacts.TrySetContact(_bob, "Bob", Now, out _));
        Assert.False(_store.Contacts.TrySetContact(_carol, "bob", Now, out var error));
        Assert.Contains("already", error);
        Assert.True(_store.Contacts.TrySetContact(_bob, "Bobby", Now, out _)); // renaming keeps one contact
        Assert.True(_store.Contacts.TrySetContact(_carol, "bob", Now, out _));

        Assert.Equal(_carol, _store.Contacts.FindByNickname("BOB"));
        Assert.Equal("Bobby", _store.Contacts.NicknameOf(_bob));
        Assert.Equal(2, _store.Contacts.Contacts().Count);
        Assert.True(_store.Contacts.RemoveContact(_carol));
        Assert.Null(_store.Contacts.FindByNickname("bob"));
        Assert.False(_store.Contacts.RemoveContact(_carol));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0007b")]
    [InlineData("123456789012345678901234567890123")]
    public void Unusable_nicknames_are_refused(string nickname)
    {
        Assert.False(_store.Contacts.TrySetContact(_bob, nickname, Now, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_nickname_cannot_look_like_an_account_id()
    {
        Assert.False(_store.Contacts.TrySetContact(_bob, _carol.Hex, Now, out var error));
        Assert.Contains("Account ID", error);
    }

    [Fact]
    public void Nicknames_and_bodies_are_encrypted_at_rest()
    {
        _store.Contacts.TrySetContact(_bob, "Bob", Now, out _);
        _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "secret words", Now, Now, null, Now + Day);

        var bytes = File.ReadAllBytes(_database.Path).Concat(ReadWal()).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("secret words"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("Bob"u8));
    }

    [Fact]
    public void An_unknown_sender_makes_a_request_and_a_duplicate_hash_is_ignored()
    {
        var (first, message) = _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now + 5, null, Now + Day);
        var (again, _) = _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now + 9, null, Now + Day);

        Assert.Equal(IncomingOutcome.StoredAsRequest, first);
        Assert.Equal(IncomingOutcome.Duplicate, again);
        Assert.Equal("hi", message!.Body);
        Assert.Equal(ConversationState.Request, _store.Conversations.Find(_bob)!.State);
        Assert.Single(_store.Messages.History(_bob));
        var summary = Assert.Single(_store.Summaries.List());
        Assert.Equal(1, summary.Unread);
    }

    [Fact]
    public void Blocked_senders_are_dropped_and_declined_ones_start_a_new_request()
    {
        _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "one", Now, Now, null, Now + Day);
        _store.Conversations.SetState(_bob, ConversationState.Declined, Now);
        Assert.Empty(_store.Messages.History(_bob));

        Assert.Equal(IncomingOutcome.StoredAsRequest, _store.Messages.AddIncoming(Hash(2), _bob, MessageKind.Text, "two", Now, Now, null, Now + Day).Outcome);
        _store.Conversations.SetState(_bob, ConversationState.Blocked, Now);
        Assert.Equal(IncomingOutcome.Blocked, _store.Messages.AddIncoming(Hash(3), _bob, MessageKind.Text, "three", Now, Now, null, Now + Day).Outcome);
        Assert.True(_store.PollState.WasSeen(Hash(3)));
        Assert.Equal(["two"], _store.Messages.History(_bob).Select(m => m.Body));

        _store.Conversations.SetState(_bob, ConversationState.Accepted, Now);
        Assert.Equal(IncomingOutcome.Stored, _store.Messages.AddIncoming(Hash(4), _bob, MessageKind.Text, "four", Now + 1, Now, null, Now + Day).Outcome);
    }

    [Fact]
    public void The_outbox_moves_a_message_from_pending_to_sent_or_failed_with_its_reason()
    {
        var sent = _store.Outbox.AddOutgoing(_bob, _self, MessageKind.Text, "hello", Now, [1, 2, 3], Hash(1), null, Now + 14 * Day);
        var failed = _store.Outbox.AddOutgoing(_bob, _self, MessageKind.Text, "lost?", Now + 1, [4], Hash(2), null, Now + 14 * Day);
        Assert.Equal(MessageStatus.Pending, sent.Status);
        Assert.Equal(2, _store.Outbox.Due(Now + 1, 10).Count);

        _store.Outbox.MarkAttemptFailed(failed.Id, "no onion path", Now + 1_000);
        Assert.Equal([sent.Id], _store.Outbox.Due(Now + 1, 10).Select(i => i.Id));
        Assert.Equal(Now, _store.Outbox.NextAttempt());
        _store.Outbox.MarkSent(sent.Id);
        Assert.Equal(Now + 1_000, _store.Outbox.NextAttempt());
        _store.Outbox.MarkFailed(failed.Id, "gave up after 2 attempts: no onion path", afterAttempt: true);

        Assert.Equal(MessageStatus.Sent, _store.Messages.Find(sent.Id)!.Status);
        var view = _store.Messages.Find(failed.Id)!;
        Assert.Equal(MessageStatus.Failed, view.Status);
        Assert.Equal("gave up after 2 attempts: no onion path", view.FailureReason);
        Assert.Equal(2, view.Attempts);
        Assert.Null(_store.Outbox.NextAttempt());

        Assert.True(_store.Outbox.Retry(failed.Id, Now + 5, Now + 5 + 14 * Day));
        Assert.Equal([4], Assert.Single(_store.Outbox.Due(Now + 5, 10)).Payload);
        Assert.False(_store.Outbox.Retry(sent.Id, Now + 5, Now + 5 + 14 * Day));
    }

    [Fact]
    public void Replying_to_a_request_accepts_it()
    {
        _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "hi", Now, Now, null, Now + Day);
        _store.Outbox.AddOutgoing(_bob, _self, MessageKind.Text, "hello", Now + 1, [1], Hash(2), null, Now + 14 * Day);

        Assert.Equal(ConversationState.Accepted, _store.Conversations.Find(_bob)!.State);
    }

    [Fact]
    public void Reading_returns_the_timestamps_to_acknowledge_and_receipts_mark_outgoing_messages()
    {
        _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "a", Now + 1, Now, null, Now + Day);
        _store.Messages.AddIncoming(Hash(2), _bob, MessageKind.Text, "b", Now + 2, Now, null, Now + Day);
        var mine = _store.Outbox.AddOutgoing(_bob, _self, MessageKind.Text, "c", Now + 3, [1], Hash(3), null, Now + 14 * Day);

        Assert.Equal([Now + 1, Now + 2], _store.Messages.MarkRead(_bob, Now + 10));
        Assert.Empty(_store.Messages.MarkRead(_bob, Now + 11));
        Assert.Equal(0, _store.Summaries.List()[0].Unread);
        Assert.Equal(1, _store.Messages.ApplyReadReceipt(_bob, [Now + 3, Now + 999], Now + 20));
        Assert.Equal(Now + 20, _store.Messages.Find(mine.Id)!.ReadAtMs);
    }

    [Fact]
    public void Disappearing_messages_are_deleted_and_incoming_ones_queued_for_deletion_from_the_swarm()
    {
        _store.Messages.AddIncoming(Hash(1), _bob, MessageKind.Text, "gone soon", Now, Now, Now + 60_000, Now + Day);
        _store.Outbox.AddOutgoing(_bob, _self, MessageKind.Text, "mine too", Now, [1], Hash(2), Now + 60_000, Now + 14 * Day);
        _store.Messages.AddIncoming(Hash(3), _bob, MessageKind.Text, "kept", Now, Now, null, Now + Day);

        Assert.Empty(_store.Disappearing.DeleteExpired(Now + 59_999));
        Assert.Equal(2, _store.Disappearing.DeleteExpired(Now + 60_000).Count);

        Assert.Equal(["kept"], _store.Messages.History(_bob).Select(m => m.Body));
        Assert.Equal([Hash(1)], _store.Disappearing.PendingSwarmDeletes(10));
        _store.Disappearing.ForgetSwarmDeletes([Hash(1)]);
        Assert.Empty(_store.Disappearing.PendingSwarmDeletes(10));
        Assert.True(_store.PollState.WasSeen(Hash(1))); // a disappeared message fetched again is not shown again
    }

    [Fact]
    public void Settings_and_poll_positions_persist()
    {
        _store.Conversations.SetSettings(_bob, new ConversationSettings(TimeSpan.FromHours(1), false, true), Now);
        _store.PollState.SetLastHash("node-a", 0, Hash(7));
        _store.PollState.SetLastHash("node-a", 0, Hash(8));

        var reopened = new AccountData(_database, _key);
        Assert.Equal(new ConversationSettings(TimeSpan.FromHours(1), false, true), reopened.Conversations.Find(_bob)!.Settings);
        Assert.Equal(Hash(8), reopened.PollState.LastHash("node-a", 0));
        Assert.Null(reopened.PollState.LastHash("node-b", 0));
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
        var conversation = new AccountData(database, _key).Conversations.Find(_bob)!;
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
