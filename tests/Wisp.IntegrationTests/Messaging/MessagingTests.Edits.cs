using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Messaging;

/// <summary>What a Session user expects of a conversation, over the real network: names, quotes, reactions, unsend.</summary>
public sealed partial class MessagingTests
{
    [Fact]
    public async Task Alice_quotes_reacts_to_and_unsends_a_message_and_bob_sees_each()
    {
        var alice = Open("alice", seed: 40);
        var bob = Open("bob", seed: 41);
        Assert.True(alice.TrySetDisplayName("Alice", out _));

        // Bob asks; Alice receives it.
        var question = bob.Conversations.Send(alice.AccountId, "dinner at eight?", null, out _)!;
        await bob.OutboxRunner.SendDueAsync(Token);
        await Eventually.TrueAsync(async () =>
        {
            await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
            return alice.Conversations.History(bob.AccountId).Count == 1;
        }, "bob's question at alice");
        var asked = alice.Conversations.History(bob.AccountId)[0];

        // Alice replies quoting it, reacts to it, and sends then unsends a slip.
        var reply = alice.Messages.Reply(asked.Id, "yes, see you", out var replyError);
        Assert.Null(replyError);
        Assert.Null(await alice.Messages.ReactAsync(asked.Id, "👍", remove: false, Token));
        var slip = alice.Conversations.Send(bob.AccountId, "wrong chat, sorry", alice.DisplayName, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(DeliveryState.Sent, alice.Messages.Find(reply!.Id)!.Delivery);
        Assert.Equal(DeliveryState.Sent, alice.Messages.Find(slip.Id)!.Delivery);
        Assert.Null(await alice.Messages.DeleteForEveryoneAsync(slip.Id, Token));

        // Bob sees the quote above the reply, the reaction on his question, the slip deleted, and Alice's name.
        await Eventually.TrueAsync(async () =>
        {
            await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
            var history = bob.Conversations.History(alice.AccountId);
            return history.Count == 3
                && history.Any(m => m.Id == question.Id && m.Reactions.Count == 1)
                && history.Any(m => m.DeletedAtMs is not null);
        }, "alice's reply, reaction and unsend at bob");

        var seen = bob.Conversations.History(alice.AccountId);
        var quoted = Assert.Single(seen, m => m.Body == "yes, see you");
        Assert.Equal(new MessageQuote(question.SentAtMs, bob.AccountId, "dinner at eight?"), quoted.Quote);
        Assert.Equal([new MessageReaction(alice.AccountId, "👍")], bob.Messages.Find(question.Id)!.Reactions);
        var deleted = Assert.Single(seen, m => m.DeletedAtMs is not null);
        Assert.Equal(slip.SentAtMs, deleted.SentAtMs);
        Assert.Equal("", deleted.Body);
        Assert.DoesNotContain(seen, m => m.Body == "wrong chat, sorry");
        Assert.Equal("Alice", bob.Contacts.NameOf(alice.AccountId));
    }
}
