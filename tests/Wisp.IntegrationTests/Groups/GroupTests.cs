using Wisp.Client;
using Wisp.Client.Groups;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Content;
using Wisp.Protocol.Groups;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Groups;

/// <summary>
/// Closed groups end to end on a network of real node processes: accounts with their own profiles create a group,
/// invite (1:1, as a request), accept, talk through the group's swarm, remove (a new key generation; the removed
/// member's token revoked), promote and leave, each through the SDK the CLI and the web app use.
/// </summary>
public sealed class GroupTests(GroupNetwork network) : IClassFixture<GroupNetwork>, IAsyncDisposable
{
    private readonly TestProfiles _accounts = new(network);

    public ValueTask DisposeAsync() => _accounts.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_members_talk_and_a_removed_member_cannot_decrypt_what_is_sent_after()
    {
        var alice = _accounts.Open("alice", seed: 1);
        var bob = _accounts.Open("bob", seed: 2);
        var carol = _accounts.Open("carol", seed: 3);

        var created = await alice.Groups.CreateAsync("Lunch", [bob.AccountId, carol.AccountId], Token);
        Assert.True(created.Ok, created.Error);
        var groupId = created.GroupId!;
        await JoinAsync(bob, groupId);
        await JoinAsync(carol, groupId);

        // Messages both ways: each reaches the other two.
        await SendAsync(alice, groupId, "hello both");
        await SendAsync(bob, groupId, "hi from bob");
        await SendAsync(carol, groupId, "carol here");
        await ArrivesAsync(alice, groupId, "hi from bob", "carol here");
        await ArrivesAsync(bob, groupId, "hello both", "carol here");
        await ArrivesAsync(carol, groupId, "hello both", "hi from bob");
        // Alice sees the two joins as system lines.
        Assert.Contains(alice.Groups.History(groupId), m => m.Kind == GroupMessageKind.Update && m.Body.EndsWith("joined the group", StringComparison.Ordinal));

        // Carol is removed: a new key generation without her.
        var removed = await alice.Groups.RemoveAsync(groupId, [carol.AccountId], Token);
        Assert.True(removed.Ok, removed.Error);
        Assert.Equal(1, alice.Groups.Find(groupId, out _)!.KeyGeneration);
        await SendAsync(alice, groupId, "after carol left");
        await ArrivesAsync(bob, groupId, "after carol left");
        Assert.Contains(bob.Groups.History(groupId), m => m.Kind == GroupMessageKind.Update && m.Body.Contains("removed", StringComparison.Ordinal));
        await alice.Groups.FetchAsync(Token);
        Assert.Contains(alice.Groups.Members(groupId), m => m.AccountId == carol.AccountId && m.Status == GroupMemberState.Removed);
        Assert.Contains(bob.Groups.Members(groupId), m => m.AccountId == carol.AccountId && m.Status == GroupMemberState.Removed);

        // At the byte level: the stored message opens with bob's keys and not with any key carol holds.
        var stored = await GroupBytes.LatestMessageAsync(_accounts.Swarm(seed: 4), alice, groupId, Token);
        var withBob = GroupMessage.Decrypt(GroupBytes.KeysOf(bob, groupId), stored);
        Assert.True(withBob.Ok, withBob.Error);
        Assert.Equal("after carol left", Content.Parser.ParseFrom(withBob.Data).DataMessage.Body);
        var withCarol = GroupMessage.Decrypt(GroupBytes.KeysOf(carol, groupId), stored);
        Assert.False(withCarol.Ok);
        Assert.Equal(0, GroupBytes.KeysOf(carol, groupId).Max(k => k.Generation));

        // Carol's client finds itself removed and stops reading; the message never shows for her.
        await Eventually.TrueAsync(async () =>
        {
            await carol.Groups.FetchAsync(Token);
            return carol.Groups.Find(groupId, out _)!.Role == GroupRole.Removed;
        }, "carol sees she was removed");
        Assert.DoesNotContain(carol.Groups.History(groupId), m => m.Body == "after carol left");
        var (_, refused) = await carol.Groups.SendAsync(groupId, "can I still write?", Token);
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task A_promoted_admin_renames_the_group_and_a_member_who_leaves_is_seen_leaving()
    {
        var alice = _accounts.Open("alice", seed: 11);
        var bob = _accounts.Open("bob", seed: 12);
        var carol = _accounts.Open("carol", seed: 13);
        var created = await alice.Groups.CreateAsync("Book club", [bob.AccountId, carol.AccountId], Token);
        Assert.True(created.Ok, created.Error);
        var groupId = created.GroupId!;
        await JoinAsync(bob, groupId);
        await JoinAsync(carol, groupId);

        // Bob cannot rename before he is an admin; after the promotion he can, and everyone sees the new name.
        Assert.False((await bob.Groups.RenameAsync(groupId, "Bob's club", Token)).Ok);
        var promoted = await alice.Groups.PromoteAsync(groupId, bob.AccountId, Token);
        Assert.True(promoted.Ok, promoted.Error);
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Groups.Find(groupId, out _)!.Role == GroupRole.Admin;
        }, "bob is an admin");
        var renamed = await bob.Groups.RenameAsync(groupId, "Bob's club", Token);
        Assert.True(renamed.Ok, renamed.Error);
        var described = await bob.Groups.DescribeAsync(groupId, "Fridays at eight", Token);
        Assert.True(described.Ok, described.Error);
        await Eventually.TrueAsync(async () =>
        {
            await alice.Groups.FetchAsync(Token);
            await carol.Groups.FetchAsync(Token);
            return alice.Groups.Find(groupId, out _)!.Name == "Bob's club" && carol.Groups.Find(groupId, out _)!.Name == "Bob's club"
                && carol.Groups.Find(groupId, out _)!.Description == "Fridays at eight";
        }, "the new name and the description (the info config) reach alice and carol");
        // Carol's member list comes from the members config the admins publish: bob is an admin there.
        Assert.Contains(carol.Groups.Members(groupId), m => m.AccountId == bob.AccountId && m.Admin);
        Assert.Contains(alice.Groups.Members(groupId), m => m.AccountId == bob.AccountId && m.Admin);

        // Carol leaves: the others see it, alice (an admin) locks her out as a removal does, and she reads nothing more.
        var left = await carol.Groups.LeaveAsync(groupId, Token);
        Assert.True(left.Ok, left.Error);
        await Eventually.TrueAsync(async () =>
        {
            await alice.Groups.FetchAsync(Token);
            return alice.Groups.History(groupId).Any(m => m.Kind == GroupMessageKind.Update && m.Body.EndsWith("left the group", StringComparison.Ordinal))
                && alice.Groups.Find(groupId, out _)!.KeyGeneration >= 1;
        }, "alice sees carol leave and rotates the key without her");
        Assert.Contains(alice.Groups.Members(groupId), m => m.AccountId == carol.AccountId && m.Status == GroupMemberState.Removed);
        await SendAsync(alice, groupId, "bye carol");
        await ArrivesAsync(bob, groupId, "bye carol");

        // At the byte level: what is sent after the leave opens with bob's keys and with none carol holds.
        var stored = await GroupBytes.LatestMessageAsync(_accounts.Swarm(seed: 14), alice, groupId, Token);
        var withBob = GroupMessage.Decrypt(GroupBytes.KeysOf(bob, groupId), stored);
        Assert.True(withBob.Ok, withBob.Error);
        Assert.Equal("bye carol", Content.Parser.ParseFrom(withBob.Data).DataMessage.Body);
        Assert.False(GroupMessage.Decrypt(GroupBytes.KeysOf(carol, groupId), stored).Ok);
        await carol.Groups.FetchAsync(Token);
        Assert.Equal(GroupRole.Left, carol.Groups.Find(groupId, out _)!.Role);
        Assert.DoesNotContain(carol.Groups.History(groupId), m => m.Body == "bye carol");
    }

    [Fact]
    public async Task An_invite_to_an_offline_account_waits_as_a_request_until_it_comes_back()
    {
        var alice = _accounts.Open("alice", seed: 21);
        var daveId = _accounts.CreateOffline("dave");
        var created = await alice.Groups.CreateAsync("Trip", [], Token);
        Assert.True(created.Ok, created.Error);
        var groupId = created.GroupId!;
        var invited = await alice.Groups.InviteAsync(groupId, [daveId], Token);
        Assert.True(invited.Ok, invited.Error);
        await SendAsync(alice, groupId, "written while dave was away");

        // Dave comes back: the invite is a request until he accepts; then he reads what was written meanwhile.
        var dave = _accounts.Reopen("dave", seed: 22);
        Assert.Null(await dave.FetchAsync(Token));
        var invite = Assert.Single(dave.Groups.Invites());
        Assert.Equal(groupId, invite.Id);
        Assert.Equal("Trip", invite.Name);
        Assert.Equal(alice.AccountId, invite.InvitedBy);
        await JoinAsync(dave, groupId);
        await ArrivesAsync(dave, groupId, "written while dave was away");
        await SendAsync(dave, groupId, "back now");
        await ArrivesAsync(alice, groupId, "back now");
    }

    [Fact]
    public async Task An_invite_can_be_sent_again_while_the_member_has_not_joined()
    {
        var alice = _accounts.Open("alice", seed: 51);
        var frank = _accounts.CreateOffline("frank");
        var created = await alice.Groups.CreateAsync("Retry", [frank], Token);
        Assert.True(created.Ok, created.Error);
        var groupId = created.GroupId!;

        // Frank has not answered: the invite goes out again (as after a failed send); someone in the group is still refused.
        var again = await alice.Groups.InviteAsync(groupId, [frank], Token);
        Assert.True(again.Ok, again.Error);
        Assert.False((await alice.Groups.InviteAsync(groupId, [alice.AccountId], Token)).Ok);
        Assert.Equal(2, alice.Groups.History(groupId).Count(m => m.Body.StartsWith("you invited", StringComparison.Ordinal)));

        var back = _accounts.Reopen("frank", seed: 52);
        await JoinAsync(back, groupId);
        await SendAsync(alice, groupId, "welcome frank");
        await ArrivesAsync(back, groupId, "welcome frank");
    }

    [Fact]
    public async Task A_declined_invite_leaves_nothing_behind()
    {
        var alice = _accounts.Open("alice", seed: 31);
        var erin = _accounts.Open("erin", seed: 32);
        var created = await alice.Groups.CreateAsync("Spam", [erin.AccountId], Token);
        Assert.True(created.Ok, created.Error);
        Assert.Null(await erin.FetchAsync(Token));
        Assert.Single(erin.Groups.Invites());
        Assert.True(erin.Groups.Decline(created.GroupId!).Ok);
        Assert.Empty(erin.Groups.List());
        Assert.False((await erin.Groups.SendAsync(created.GroupId!, "hello?", Token)).Message is not null);
    }

    [Fact]
    public async Task A_poll_asks_for_a_bounded_answer_and_pages_through_a_larger_backlog()
    {
        var alice = _accounts.Open("alice", seed: 41);
        var bob = _accounts.Open("bob", seed: 42);
        var created = await alice.Groups.CreateAsync("Big", [bob.AccountId], Token);
        Assert.True(created.Ok, created.Error);
        var groupId = created.GroupId!;
        await JoinAsync(bob, groupId);

        // Five near-largest messages: more than one poll's max_size (four of the largest, counted as the node counts them).
        var swarm = GroupBytes.AdminSwarm(_accounts.Swarm(seed: 43), alice, groupId);
        for (var i = 0; i < 5; i++)
        {
            var stored = await swarm.StoreAsync(GroupNamespaces.Messages, Crypto.RandomBytes.Get(70_000), GroupLimits.MessageTtl, Token);
            Assert.True(stored.Ok, stored.Error?.Message);
        }
        var first = await swarm.PollAsync(GroupNamespaces.Messages, null, null, Token);
        Assert.True(first.Ok, first.Error?.Message);
        Assert.True(first.Value!.More);
        Assert.InRange(first.Value.Messages.Count, 1, 4);

        // Bob's poller pages through them to what alice writes after.
        await SendAsync(alice, groupId, "after the big ones");
        await ArrivesAsync(bob, groupId, "after the big ones");
    }

    private static async Task JoinAsync(WispClient member, string groupId)
    {
        await Eventually.TrueAsync(async () =>
        {
            await member.FetchAsync(Token);
            return member.Groups.Find(groupId, out _) is { Role: GroupRole.Invited };
        }, $"{member.Profile} gets the invite");
        var accepted = await member.Groups.AcceptAsync(groupId, Token);
        Assert.True(accepted.Ok, accepted.Error);
        Assert.Equal(GroupRole.Member, member.Groups.Find(groupId, out _)!.Role);
    }

    private static async Task SendAsync(WispClient sender, string groupId, string text)
    {
        var (message, error) = await sender.Groups.SendAsync(groupId, text, Token);
        Assert.True(error is null, error);
        Assert.Equal("sent", message!.Status);
    }

    private static Task ArrivesAsync(WispClient reader, string groupId, params string[] texts) =>
        Eventually.TrueAsync(async () =>
        {
            await reader.Groups.FetchAsync(Token);
            var bodies = reader.Groups.History(groupId).Where(m => !m.Outgoing && m.Kind == GroupMessageKind.Text).Select(m => m.Body).ToHashSet();
            return texts.All(bodies.Contains);
        }, $"{string.Join(", ", texts)} at {reader.Profile}");
}
