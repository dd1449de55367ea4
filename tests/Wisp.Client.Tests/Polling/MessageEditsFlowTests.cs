using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Polling;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Polling;

/// <summary>Display names, quoted replies, reactions and deletion between two clients over a swarm in memory.</summary>
public sealed class MessageEditsFlowTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly WispClient _alice;
    private readonly WispClient _bob;
    private readonly Ed25519KeyPair _aliceKeys;
    private readonly List<PollEvent> _bobEvents = [];

    public MessageEditsFlowTests()
    {
        _alice = Open("alice", out _aliceKeys);
        _bob = Open("bob", out _);
        _bob.Poller.Received += _bobEvents.Add;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { _alice, _bob })
            await client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AccountId Alice => _alice.AccountId;

    private AccountId Bob => _bob.AccountId;

    [Fact]
    public async Task The_display_name_sent_is_shown_where_there_is_no_nickname_and_the_nickname_wins()
    {
        Assert.True(_alice.TrySetDisplayName("  Alice Liddell ", out _));
        Assert.Equal("Alice Liddell", _alice.DisplayName);

        await SendAsync(_alice, Bob, "hi", _alice.DisplayName);
        await PollAsync(_bob);

        Assert.Equal("Alice Liddell", _bob.Contacts.DisplayNameOf(Alice));
        Assert.Equal("Alice Liddell", _bob.Contacts.NameOf(Alice));
        Assert.Equal("Alice Liddell", Assert.Single(_bob.Conversations.List()).DisplayName);
        Assert.True(_bob.Contacts.TrySet(Alice, "al", out _));
        Assert.Equal("al", _bob.Contacts.NameOf(Alice));
        Assert.Equal("Alice Liddell", Assert.Single(_bob.Contacts.List()).DisplayName);
    }

    [Fact]
    public void A_display_name_too_long_or_with_control_characters_is_refused_and_blank_clears_it()
    {
        Assert.False(_alice.TrySetDisplayName(new string('a', 101), out var error));
        Assert.Contains("100 bytes", error);
        Assert.False(_alice.TrySetDisplayName("two\nlines", out error));
        Assert.Contains("control characters", error);
        Assert.True(_alice.TrySetDisplayName("Alice", out _));
        Assert.True(_alice.TrySetDisplayName(" ", out _));
        Assert.Null(_alice.DisplayName);
    }

    [Fact]
    public void A_peers_name_is_cleaned_before_it_is_shown()
    {
        Assert.Equal("evilname", ProfileNameStore.Clean("evil\u001b\nname"));
        // 40 four-byte emoji are 160 bytes: cut to the 25 whole ones that fit in 100.
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 25)), ProfileNameStore.Clean(string.Concat(Enumerable.Repeat("😀", 40))));
    }

    [Fact]
    public async Task A_reply_quotes_the_message_and_the_peer_shows_the_quote()
    {
        var question = await SendAsync(_alice, Bob, "lunch at noon?");
        await PollAsync(_bob);
        var received = Assert.Single(_bob.Conversations.History(Alice));

        var reply = _bob.Messages.Reply(received.Id, "yes", out var error);
        Assert.Null(error);
        Assert.Equal(new MessageQuote(question.SentAtMs, Alice, "lunch at noon?"), reply!.Quote);
        await _bob.OutboxRunner.SendDueAsync(Token);
        await PollAsync(_alice);

        var arrived = _alice.Conversations.History(Bob).Single(m => m.Direction == MessageDirection.In);
        Assert.Equal("yes", arrived.Body);
        Assert.Equal(new MessageQuote(question.SentAtMs, Alice, "lunch at noon?"), arrived.Quote);
        var export = Path.Combine(_home.Root, "alice.json");
        await _alice.Archive.ExportAsync(export, null, Token);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(export)))
        {
            var exported = json.RootElement.GetProperty("conversations")[0].GetProperty("messages").EnumerateArray()
                .Single(m => m.GetProperty("body").GetString() == "yes");
            Assert.Equal(question.SentAtMs, exported.GetProperty("quote").GetProperty("id").GetInt64());
            Assert.Equal("lunch at noon?", exported.GetProperty("quote").GetProperty("text").GetString());
        }
        Assert.Null(_bob.Messages.Reply("no-such-id", "x", out error));
        Assert.Contains("no message with id", error);
    }

    [Fact]
    public async Task Reactions_arrive_once_per_author_and_emoji_and_can_be_taken_back()
    {
        var sent = await SendAsync(_alice, Bob, "good news");
        await PollAsync(_bob);
        var received = Assert.Single(_bob.Conversations.History(Alice));

        Assert.Null(await _bob.Messages.ReactAsync(received.Id, "👍", remove: false, Token));
        Assert.Null(await _bob.Messages.ReactAsync(received.Id, "👍", remove: false, Token)); // already: nothing sent
        Assert.Null(await _bob.Messages.ReactAsync(received.Id, "🎉", remove: false, Token));
        Assert.Equal(2, _swarm.Count(Alice)); // the second 👍 was not sent again
        _alice.FollowChanges(); // what came before is not this test's
        var events = _alice.Subscribe();
        await PollAsync(_alice);
        _alice.FollowChanges();

        var reacted = _alice.Messages.Find(sent.Id)!;
        Assert.Equal([new MessageReaction(Bob, "👍"), new MessageReaction(Bob, "🎉")], reacted.Reactions);
        Assert.True(events.TryRead(out var changed));
        Assert.Equal(reacted.Reactions, Assert.IsType<ClientEvent.MessageChanged>(changed).Message.Reactions);
        Assert.Equal(reacted.Reactions, _bob.Messages.Find(received.Id)!.Reactions);

        Assert.Null(await _bob.Messages.ReactAsync(received.Id, "👍", remove: true, Token));
        await PollAsync(_alice);
        Assert.Equal([new MessageReaction(Bob, "🎉")], _alice.Messages.Find(sent.Id)!.Reactions);
        Assert.Contains("one emoji", (await _bob.Messages.ReactAsync(received.Id, "two words", remove: false, Token))!.Reason);
    }

    [Fact]
    public async Task A_reaction_the_network_does_not_take_changes_nothing_and_says_so()
    {
        await SendAsync(_alice, Bob, "hello");
        await PollAsync(_bob);
        var received = Assert.Single(_bob.Conversations.History(Alice));
        _swarm.StoreFailure = new SwarmError(SwarmFailure.NoPath, "no onion path can be built");

        var failure = await _bob.Messages.ReactAsync(received.Id, "👍", remove: false, Token);
        Assert.Contains("not sent", failure!.Reason);
        Assert.True(failure.NetworkFailed);
        Assert.Empty(_bob.Messages.Find(received.Id)!.Reactions);
    }

    [Fact]
    public async Task Delete_for_everyone_unsends_the_message_on_both_sides_and_the_receiver_deletes_its_swarm_copy()
    {
        var sent = await SendAsync(_alice, Bob, "oops, wrong chat");
        await PollAsync(_bob);
        var received = Assert.Single(_bob.Conversations.History(Alice));
        Assert.Single(_bob.Archive.Search("wrong")); // indexed before the unsend
        Assert.Null(await _bob.Messages.ReactAsync(received.Id, "😂", remove: false, Token));
        var refused = await _bob.Messages.DeleteForEveryoneAsync(received.Id, Token);
        Assert.Contains("only your own messages", refused!.Reason);
        Assert.False(refused.NetworkFailed);

        Assert.Null(await _alice.Messages.DeleteForEveryoneAsync(sent.Id, Token));
        var mine = _alice.Messages.Find(sent.Id)!;
        Assert.NotNull(mine.DeletedAtMs);
        Assert.Equal("", mine.Body);
        _bob.FollowChanges();
        var events = _bob.Subscribe();
        await PollAsync(_bob);
        _bob.FollowChanges();
        Assert.True(events.TryRead(out var changed));
        Assert.NotNull(Assert.IsType<ClientEvent.MessageChanged>(changed).Message.DeletedAtMs);

        var gone = _bob.Messages.Find(received.Id)!;
        Assert.NotNull(gone.DeletedAtMs);
        Assert.Equal("", gone.Body);
        Assert.Empty(gone.Reactions);
        Assert.Contains(received.ServerHash!, _swarm.Deleted);
        Assert.Empty(_bob.Archive.Search("wrong"));
        Assert.Equal("that message was deleted.", (await _alice.Messages.DeleteForEveryoneAsync(sent.Id, Token))!.Reason);
    }

    [Fact]
    public async Task An_unsend_request_for_a_message_someone_else_wrote_is_dropped()
    {
        var fromBob = await SendAsync(_bob, Alice, "mine");
        await PollAsync(_alice);
        await SendAsync(_alice, Bob, "hi");
        var forged = MessageComposer.Compose(_aliceKeys, Bob, MessageContent.Unsend(fromBob.SentAtMs, Bob), (ulong)_swarm.Now).Stored!;
        _swarm.Place(Bob, forged);

        await PollAsync(_bob);

        var dropped = Assert.Single(_bobEvents.OfType<PollEvent.Dropped>());
        Assert.Contains("did not write", dropped.Reason);
        Assert.Null(_bob.Messages.Find(fromBob.Id)!.DeletedAtMs);
    }

    [Fact]
    public async Task Delete_for_me_removes_the_message_here_only_and_sends_nothing()
    {
        var sent = await SendAsync(_alice, Bob, "keep this between us");
        var before = _swarm.Count(Bob);

        Assert.True(_alice.Messages.DeleteForMe(sent.Id, out _));

        Assert.Null(_alice.Messages.Find(sent.Id));
        Assert.Empty(_alice.Conversations.History(Bob));
        Assert.Equal(before, _swarm.Count(Bob));
        Assert.False(_alice.Messages.DeleteForMe(sent.Id, out var error));
        Assert.Contains("no message with id", error);
    }

    [Fact]
    public async Task Deleting_a_pending_message_for_everyone_stops_it_and_it_leaves_the_outbox()
    {
        var sent = await SendAsync(_alice, Bob, "first");
        _swarm.StoreFailure = new SwarmError(SwarmFailure.NoPath, "no onion path can be built");
        var pending = _alice.Conversations.Send(Bob, "never mind", null, out _)!;
        await _alice.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(pending.Id, Assert.Single(_alice.Outbox.List()).Id);

        _swarm.StoreFailure = null;
        _alice.FollowChanges();
        var events = _alice.Subscribe();
        Assert.Null(await _alice.Messages.DeleteForEveryoneAsync(pending.Id, Token));
        _alice.FollowChanges();

        Assert.Empty(_alice.Outbox.List());
        Assert.Equal("deleted before it was sent", _alice.Messages.Find(pending.Id)!.FailureReason);
        Assert.IsType<ClientEvent.MessageChanged>(Assert.Single(Drain(events), e => e is ClientEvent.MessageChanged or ClientEvent.DeliveryChanged));
        _swarm.Now += (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds;
        Assert.Equal(0, await _alice.OutboxRunner.SendDueAsync(Token));
        Assert.Equal(DeliveryState.Sent, _alice.Messages.Find(sent.Id)!.Delivery);
    }

    private async Task<MessageView> SendAsync(WispClient from, AccountId to, string text, string? name = null)
    {
        var queued = from.Conversations.Send(to, text, name, out var error);
        Assert.Null(error);
        await from.OutboxRunner.SendDueAsync(Token);
        return from.Messages.Find(queued!.Id)!;
    }

    private static List<ClientEvent> Drain(System.Threading.Channels.ChannelReader<ClientEvent> events)
    {
        var read = new List<ClientEvent>();
        while (events.TryRead(out var clientEvent))
            read.Add(clientEvent);
        return read;
    }

    private static async Task PollAsync(WispClient client)
    {
        var (taken, error) = await client.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Null(error);
        Assert.NotNull(taken);
    }

    private WispClient Open(string name, out Ed25519KeyPair keys)
    {
        var created = AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var problem), problem?.Message);
        keys = account.Account.Keys;
        var client = WispClient.Over(account.Account, TimeProvider.System);
        client.Connect(_swarm);
        return client;
    }
}
