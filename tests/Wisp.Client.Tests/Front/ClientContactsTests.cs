using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Front;

/// <summary>Requests, contacts and blocking as a Session user expects them: accepting makes a contact; blocked is not a contact.</summary>
public sealed class ClientContactsTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Carol = Ed25519KeyPair.Generate().AccountId;
    private readonly TempHome _home = new();
    private readonly WispClient _client;

    public ClientContactsTests()
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse("alice"), passphrase: null).TryGet(out var created, out var error), error?.Message);
        _client = WispClient.Over(created.Account, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public void Accepting_a_pending_request_makes_a_contact()
    {
        Receive(Bob, "hello?");
        Assert.Empty(_client.Contacts.List());

        Assert.True(_client.Conversations.TryAcceptRequest(Bob, out var conversation, out var error), error);

        Assert.Equal(ConversationState.Accepted, conversation.State);
        Assert.Equal([Bob], _client.Contacts.List().Select(c => c.AccountId));
    }

    [Fact]
    public void Accepting_what_is_no_pending_request_is_refused_and_makes_no_contact()
    {
        Assert.False(_client.Conversations.TryAcceptRequest(Carol, out _, out var error));
        Assert.Contains("no pending message request", error);
        Assert.Null(_client.Conversations.Find(Carol));
        Assert.Empty(_client.Contacts.List());

        Receive(Bob, "hello?");
        _client.Conversations.Block(Bob);
        Assert.False(_client.Conversations.TryAcceptRequest(Bob, out _, out error));
        Assert.Contains("wisp unblock", error);
        Assert.Equal(ConversationState.Blocked, _client.Conversations.Find(Bob)!.State);
    }

    [Fact]
    public void A_blocked_account_is_listed_as_blocked_not_as_a_contact_until_unblocked()
    {
        Assert.True(_client.Contacts.TrySet(Bob, "bob", out _));
        Assert.True(_client.Contacts.TrySet(Carol, "carol", out _));
        _client.Conversations.Block(Bob);

        Assert.Equal(["carol"], _client.Contacts.List().Select(c => c.Nickname));
        Assert.Equal([new Contact(Bob, "bob")], _client.Contacts.Blocked());
        Assert.False(_client.Contacts.TryUnblock(Carol, out var error));
        Assert.Contains("is not blocked", error);

        Assert.True(_client.Contacts.TryUnblock(Bob, out error), error);
        Assert.Empty(_client.Contacts.Blocked());
        Assert.Equal(["bob", "carol"], _client.Contacts.List().Select(c => c.Nickname));
        Assert.Equal(ConversationState.Accepted, _client.Conversations.Find(Bob)!.State);
    }

    [Fact]
    public void Reading_history_marks_nothing_read()
    {
        Receive(Bob, "one");
        Receive(Bob, "two");

        Assert.Equal(["one", "two"], _client.Conversations.History(Bob).Select(m => m.Body));

        Assert.Equal(2, _client.Conversations.List().Single().Unread);
        Assert.All(_client.Conversations.History(Bob), m => Assert.Null(m.ReadAtMs));
    }

    private int _received;

    private void Receive(AccountId from, string text)
    {
        var n = ++_received;
        _client.Data.Messages.AddIncoming($"hash-{n}", from, MessageKind.Text, text, Start + n, Start + n, null, Start + 100_000_000);
    }
}
