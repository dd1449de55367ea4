using System.Text.Json;
using Wisp.Community.Moderation;
using Wisp.Community.Tests.Moderation;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Dms;

/// <summary>
/// Direct messages between two blinded users as pysogs's <c>test_dm.py</c> expects them: the 201 answer without the
/// body, the same message in the recipient's inbox and the sender's outbox, polls, deletion, bans and expiry.
/// </summary>
public sealed class DirectMessageRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private readonly TestUser _alice = new();
    private readonly TestUser _bob = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        // Both have signed a request before, so the server knows them (pysogs refuses a DM to an unknown ID).
        Assert.Equal(200, (await _server.SendAsync("GET", "/inbox", _alice)).Status);
        Assert.Equal(200, (await _server.SendAsync("GET", "/inbox", _bob)).Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _alice.Dispose();
        _bob.Dispose();
    }

    private Task<Answer> SendAsync(TestUser from, TestUser to, string message) =>
        _server.SendJsonAsync("POST", $"/inbox/{_server.Id(to)}", from, JsonSerializer.Serialize(new { message }));

    [Fact]
    public async Task A_message_reaches_the_recipients_inbox_and_the_senders_outbox()
    {
        var ciphertext = Convert.ToBase64String(Crypto.RandomBytes.Get(100));
        var now = _server.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

        var sent = await SendAsync(_alice, _bob, ciphertext);

        Assert.Equal(201, sent.Status);
        var answer = sent.Json;
        Assert.Equal(["expires_at", "id", "posted_at", "recipient", "sender"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal((_server.Id(_alice), _server.Id(_bob)), (answer.GetProperty("sender").GetString(), answer.GetProperty("recipient").GetString()));
        Assert.Equal(now, answer.GetProperty("posted_at").GetDouble(), 3);
        Assert.Equal(now + 15 * 86400, answer.GetProperty("expires_at").GetDouble(), 3);

        var inbox = await _server.SendAsync("GET", "/inbox", _bob);
        var outbox = await _server.SendAsync("GET", "/outbox", _alice);

        Assert.Equal(200, inbox.Status);
        var received = Assert.Single(inbox.Json.EnumerateArray());
        Assert.Equal(ciphertext, received.GetProperty("message").GetString());
        Assert.Equal(answer.GetProperty("id").GetInt64(), received.GetProperty("id").GetInt64());
        Assert.Equal(received.GetRawText(), Assert.Single(outbox.Json.EnumerateArray()).GetRawText());
        Assert.Equal("[]", (await _server.SendAsync("GET", "/inbox", _alice)).Text);
    }

    [Fact]
    public async Task A_poll_since_the_last_id_gets_only_newer_messages_or_304()
    {
        var first = (await SendAsync(_alice, _bob, "AAAA")).Json.GetProperty("id").GetInt64();
        var second = (await SendAsync(_alice, _bob, "BBBB")).Json.GetProperty("id").GetInt64();

        var newer = await _server.SendAsync("GET", $"/inbox/since/{first}", _bob);
        var none = await _server.SendAsync("GET", $"/inbox/since/{second}", _bob);
        var outboxNone = await _server.SendAsync("GET", $"/outbox/since/{second}", _alice);
        var limited = await _server.SendAsync("GET", "/inbox?limit=1", _bob);

        Assert.Equal(second, Assert.Single(newer.Json.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal((304, 0), (none.Status, none.Body.Length));
        Assert.Equal(304, outboxNone.Status);
        Assert.Equal(first, Assert.Single(limited.Json.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(400, (await _server.SendAsync("GET", "/inbox?limit=many", _bob)).Status);
    }

    [Fact]
    public async Task Deleting_the_inbox_reports_how_many_and_leaves_both_boxes_empty()
    {
        for (var i = 0; i < 3; i++)
            await SendAsync(_alice, _bob, "AAAA");

        var deleted = await _server.SendAsync("DELETE", "/inbox", _bob);
        var again = await _server.SendAsync("DELETE", "/inbox", _bob);

        Assert.Equal((200, """{"deleted":3}"""), (deleted.Status, deleted.Text));
        Assert.Equal("""{"deleted":0}""", again.Text);
        Assert.Equal("[]", (await _server.SendAsync("GET", "/inbox", _bob)).Text);
        Assert.Equal("[]", (await _server.SendAsync("GET", "/outbox", _alice)).Text); // one row per message, as pysogs: the sender's outbox loses it too
    }

    [Fact]
    public async Task Messages_to_unknown_banned_or_unblinded_recipients_are_404_and_a_missing_message_400()
    {
        using var stranger = new TestUser();
        var bobRow = await _server.RowAsync(_bob);
        await _server.Services.Database.WriteAsync(async (_, t) =>
        {
            await BanWrites.BanGlobalAsync(t, bobRow.Id, null, 0, Token);
            return true;
        }, Token);

        Assert.Equal(404, (await SendAsync(_alice, stranger, "AAAA")).Status);
        Assert.Equal(404, (await SendAsync(_alice, _bob, "AAAA")).Status);
        Assert.Equal(404, (await _server.SendJsonAsync("POST", "/inbox/05" + new string('a', 64), _alice, """{"message":"AAAA"}""")).Status);
        Assert.Equal(403, (await SendAsync(_bob, _alice, "AAAA")).Status); // a banned sender is refused at authentication
        Assert.Equal(400, (await _server.SendJsonAsync("POST", $"/inbox/{_server.Id(_alice)}", _alice, """{"text":"AAAA"}""")).Status);
        Assert.Equal(400, (await _server.SendJsonAsync("POST", $"/inbox/{_server.Id(_alice)}", _alice, """{"message":"not base64!"}""")).Status);
    }

    [Fact]
    public async Task Mailboxes_need_a_blinded_signature()
    {
        using var unblinded = new TestUser(Signing.Unblinded);

        var anonymous = await _server.SendAsync("GET", "/inbox");
        var sendAnonymous = await _server.SendJsonAsync("POST", $"/inbox/{_server.Id(_bob)}", null, """{"message":"AAAA"}""");

        Assert.Equal((401, "X-SOGS-* request authentication required"), (anonymous.Status, anonymous.Text));
        Assert.Equal(401, sendAnonymous.Status);
        // This server requires blinded keys, so an unblinded key is refused before the route (pysogs: 400).
        Assert.NotEqual(200, (await _server.SendAsync("GET", "/outbox", unblinded)).Status);
    }

    [Fact]
    public async Task Messages_expire_after_fifteen_days()
    {
        await SendAsync(_alice, _bob, "AAAA");
        _server.Clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));

        var swept = await ExpirySweeper.SweepOnceAsync(_server.Services, Token);

        Assert.Equal(1, swept.Dms);
        Assert.Equal("[]", (await _server.SendAsync("GET", "/inbox", _bob)).Text);
    }
}
