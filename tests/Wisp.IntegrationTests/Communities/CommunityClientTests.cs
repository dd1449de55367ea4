using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Communities;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Communities;

/// <summary>
/// Wisp's community client against the real community server <c>wisp up</c> runs, every request through 3-hop onion
/// paths of real node processes: two members of one room post, react, reply, delete and DM each other; a member a
/// moderator bans (with the <c>wisp community mod ban</c> command) is refused, and posts again once unbanned.
/// </summary>
public sealed class CommunityClientTests(CommunityNetwork network) : IClassFixture<CommunityNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<WispClient> _clients = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Two_members_post_react_reply_delete_and_dm_each_other_through_onion_paths()
    {
        var joinUrl = network.Community().JoinUrl;
        var alice = Open("alice");
        var bob = Open("bob");
        Assert.True(alice.TrySetDisplayName("Alice", out _));
        var aliceRoom = await JoinAsync(alice, joinUrl);
        var bobRoom = await JoinAsync(bob, joinUrl);
        Assert.StartsWith("15", aliceRoom.BlindedId, StringComparison.Ordinal);
        Assert.NotEqual(aliceRoom.BlindedId, bobRoom.BlindedId);

        var events = bob.Subscribe();
        var posted = Ok(await alice.Communities.PostAsync("lobby", "hello from alice", Token));
        Assert.True(posted.Mine);

        var seen = await FetchUntilAsync(bob, () => bob.Communities.Message("lobby", posted.Id) is { Text: "hello from alice" });
        Assert.Equal(aliceRoom.BlindedId, seen.Communities.Message("lobby", posted.Id)!.Sender);
        Assert.Equal("Alice", bob.Communities.Message("lobby", posted.Id)!.SenderName);
        var reported = new List<ClientEvent>();
        while (events.TryRead(out var reportedEvent))
            reported.Add(reportedEvent);
        Assert.Contains(reported, e => e is ClientEvent.Community { Change: CommunityEvent.MessageAdded added } && added.Message.Id == posted.Id);

        Ok(await bob.Communities.ReactAsync("lobby", posted.Id, "👍", Token));
        var reply = Ok(await bob.Communities.ReplyAsync("lobby", posted.Id, "hi alice", Token));
        await FetchUntilAsync(alice, () => alice.Communities.Message("lobby", reply.Id) is not null
            && alice.Communities.Message("lobby", posted.Id)!.Reactions.Any(r => r.Emoji == "👍" && r.Count == 1));
        var got = alice.Communities.Message("lobby", reply.Id)!;
        Assert.Equal(posted.Id, got.ReplyTo);
        Assert.Equal("hello from alice", got.QuoteText);
        Assert.Equal(bobRoom.BlindedId, got.Sender);

        // Nobody deletes another's post without being a moderator; the author can.
        var refused = await bob.Communities.DeleteAsync("lobby", posted.Id, Token);
        Assert.False(refused.Ok);
        Assert.Equal(403, refused.Status);
        Ok(await alice.Communities.DeleteAsync("lobby", posted.Id, Token));
        await FetchUntilAsync(bob, () => bob.Communities.Message("lobby", posted.Id) is { Deleted: true, Text: null });

        var dm = Ok(await bob.Communities.SendDmAsync("lobby", aliceRoom.BlindedId, "a word in private", Token));
        Assert.True(dm.Outgoing);
        await FetchUntilAsync(alice, () => alice.Communities.Dms("lobby").Any(d => !d.Outgoing));
        var received = alice.Communities.Dms("lobby").Single(d => !d.Outgoing);
        Assert.Equal("a word in private", received.Text);
        Assert.Equal(bobRoom.BlindedId, received.Peer);
        Assert.Equal(bob.AccountId.Hex, received.SenderAccountId);
    }

    [Fact]
    public async Task A_member_a_moderator_bans_is_refused_and_posts_again_once_unbanned()
    {
        var community = network.Community();
        NewAccount("mod");
        var (code, stdout, stderr) = await WispProcess.RunAsync(Args("community", "join", community.JoinUrl, "--profile", "mod", "--json"));
        Assert.True(code == 0, $"join: exit {code}: {stderr}");
        var modId = JsonDocument.Parse(stdout).RootElement.GetProperty("blinded_id").GetString()!;
        (code, _, stderr) = await WispProcess.RunAsync(
            "community", "moderator", "add", modId, "--room", "lobby", "--data", community.Data);
        Assert.True(code == 0, $"moderator add: exit {code}: {stderr}");

        var dave = Open("dave");
        var daveId = (await JoinAsync(dave, community.JoinUrl)).BlindedId;
        Ok(await dave.Communities.PostAsync("lobby", "before the ban", Token));

        (code, stdout, stderr) = await WispProcess.RunAsync(Args("community", "mod", "ban", "lobby", daveId, "--profile", "mod"));
        Assert.True(code == 0, $"mod ban: exit {code}: {stderr}");
        Assert.Contains("Banned", stdout, StringComparison.Ordinal);

        var refused = await dave.Communities.PostAsync("lobby", "after the ban", Token);
        Assert.False(refused.Ok);
        Assert.Equal(403, refused.Status);
        Assert.Contains("403", refused.Error, StringComparison.Ordinal);

        // A member cannot ban; the moderator lifts the ban and the member posts again.
        (code, _, stderr) = await WispProcess.RunAsync(Args("community", "mod", "ban", "lobby", modId, "--profile", "dave"));
        Assert.Equal(1, code);
        Assert.Contains("403", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await WispProcess.RunAsync(Args("community", "mod", "unban", "lobby", daveId, "--profile", "mod"));
        Assert.True(code == 0, $"mod unban: exit {code}: {stderr}");
        Ok(await dave.Communities.PostAsync("lobby", "back again", Token));

        (code, stdout, stderr) = await WispProcess.RunAsync(Args("community", "read", "lobby", "--profile", "mod"));
        Assert.True(code == 0, $"read: exit {code}: {stderr}");
        Assert.Contains("back again", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("after the ban", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_join_url_with_the_wrong_key_never_joins()
    {
        var community = network.Community();
        var alice = Open("erin");
        var wrong = community.JoinUrl[..^64] + new string('1', 64);
        var joined = await alice.Communities.JoinAsync(wrong, Token);
        Assert.False(joined.Ok);
        Assert.Empty(alice.Communities.List());
    }

    private static T Ok<T>(CommunityResult<T> result)
    {
        Assert.True(result.Ok, result.Error);
        return result.Value!;
    }

    private static void Ok(CommunityResult result) => Assert.True(result.Ok, result.Error);

    private static async Task<CommunityRoomView> JoinAsync(WispClient client, string url) => Ok(await client.Communities.JoinAsync(url, Token));

    private static async Task<WispClient> FetchUntilAsync(WispClient client, Func<bool> condition)
    {
        await Eventually.TrueAsync(async () =>
        {
            await client.Communities.FetchAsync(Token);
            return condition();
        }, "the poll brings it", TimeSpan.FromSeconds(60));
        return client;
    }

    private AccountId NewAccount(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        using (created)
            return created.Account.AccountId;
    }

    private WispClient Open(string name)
    {
        NewAccount(name);
        Assert.True(AccountVault.Open(WispHome.At(_home.Path), ProfileName.Parse(name), null).TryGet(out var account, out var error), error?.Message);
        var client = WispClient.Over(account, TimeProvider.System);
        Assert.True(client.ConnectLocalNetwork(network.Folder, out var connectError), connectError);
        _clients.Add(client);
        return client;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", network.Folder];
}
