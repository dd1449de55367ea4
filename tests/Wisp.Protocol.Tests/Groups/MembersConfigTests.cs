using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The group members config, following libsession-util's tests/test_group_members.cpp.</summary>
public sealed class MembersConfigTests
{
    private static readonly byte[] PictureKey = Convert.FromHexString(string.Concat(Enumerable.Repeat("abcd", 16)));

    // libsession's test IDs: 05 followed by 32 copies of the index byte.
    private static readonly string[] Sids = [.. Enumerable.Range(0, 256).Select(i => "05" + Convert.ToHexStringLower(Enumerable.Repeat((byte)i, 32).ToArray()))];

    private static ConfigIncoming In(string hash, ConfigPush push) => new(hash, push.Data);

    private static GroupMember GetOrNew(MembersConfig members, int i) => members.Get(Sids[i]) ?? new GroupMember(Sids[i]);

    private static bool IsPrime(int i) => i >= 2 && Enumerable.Range(2, Math.Max(0, (int)Math.Sqrt(i) - 1)).All(d => i % d != 0);

    [Fact]
    public void Members_and_their_statuses_travel_between_admins()
    {
        using var admin = GroupKeys.Admin();
        var gmem1 = new MembersConfig(admin.PublicKey, admin);
        var gmem2 = new MembersConfig(admin.PublicKey, admin);

        for (var i = 0; i < 10; i++)
        {
            gmem1.Set(GetOrNew(gmem1, i) with
            {
                Admin = true,
                Invite = GroupInviteStatus.None,
                Promotion = GroupInviteStatus.None,
                Name = $"Admin {i}",
                Picture = new GroupPicture($"http://example.com/{i}", PictureKey),
            });
        }
        for (var i = 10; i < 20; i++)
            gmem1.Set(GetOrNew(gmem1, i) with { Name = $"Member {i}", Picture = new GroupPicture($"http://example.com/{i}", PictureKey) });
        for (var i = 20; i < 25; i++)
            gmem1.Set(GetOrNew(gmem1, i));

        var p1 = gmem1.Push(GroupKeys.Key('a'));
        Assert.Equal(768, p1.Data.Length);
        gmem1.ConfirmPushed(p1.Seqno, "fakehash1");
        Assert.False(gmem1.NeedsPush);

        Assert.Equal(["fakehash1"], gmem2.Merge([In("fakehash1", p1)], GroupKeys.Keys('b', 'a', 'c', 'd')).AcceptedHashes);
        Assert.False(gmem2.NeedsPush);
        var read = gmem2.Members;
        Assert.Equal(25, read.Count);
        for (var i = 0; i < 25; i++)
        {
            var m = read[i];
            Assert.Equal(Sids[i], m.SessionId);
            Assert.False(m.Supplement);
            if (i < 10)
            {
                Assert.True(m.Admin);
                Assert.Equal($"Admin {i}", m.Name);
                Assert.NotNull(m.Picture);
                Assert.Equal(GroupMemberStatus.PromotionAccepted, gmem2.StatusOf(m));
            }
            else
            {
                // The pending-send flag is local: the admin who added them sees "sending", the other "not sent".
                Assert.Equal(GroupMemberStatus.InviteSending, gmem1.StatusOf(m));
                Assert.Equal(GroupMemberStatus.InviteNotSent, gmem2.StatusOf(m));
                Assert.False(m.Admin);
                Assert.Equal(i < 20 ? $"Member {i}" : "", m.Name);
                Assert.Equal(i < 20, m.Picture is not null);
            }
        }

        for (var i = 22; i < 50; i++)
            gmem2.Set(GetOrNew(gmem2, i) with { Name = $"Member {i}" });
        for (var i = 50; i < 55; i++)
            gmem2.Set(GetOrNew(gmem2, i) with { Invite = GroupInviteStatus.Sent, Supplement = i % 2 == 1 });
        for (var i = 55; i < 58; i++)
            gmem2.Set(GetOrNew(gmem2, i) with { Invite = GroupInviteStatus.Failed, Supplement = i % 2 == 1 });
        for (var i = 58; i < 62; i++)
        {
            gmem2.Set(GetOrNew(gmem2, i) with
            {
                Admin = true,
                Invite = GroupInviteStatus.None,
                Promotion = i >= 60 ? GroupInviteStatus.Failed : GroupInviteStatus.Sent,
            });
        }
        for (var i = 62; i < 66; i++)
        {
            gmem2.Set(GetOrNew(gmem2, i) with
            {
                Invite = GroupInviteStatus.None,
                Promotion = GroupInviteStatus.None,
                Removed = i >= 64 ? GroupRemovedStatus.RemovedWithMessages : GroupRemovedStatus.Removed,
            });
        }
        Assert.Equal("Member 23", gmem2.Get(Sids[23])!.Name);
        var p2 = gmem2.Push(GroupKeys.Key('b'));
        gmem2.ConfirmPushed(p2.Seqno, "fakehash2");

        ConfigIncoming[] both = [In("fakehash1", p1), In("fakehash2", p2)];
        Assert.Equal(["fakehash1"], gmem1.Merge(both, GroupKeys.Keys('a')).AcceptedHashes);
        Assert.Equal(["fakehash1", "fakehash2"], gmem1.Merge(both, GroupKeys.Keys('b', 'a')).AcceptedHashes);
        Assert.Equal("Member 23", gmem1.Get(Sids[23])!.Name);

        var all = gmem1.Members;
        Assert.Equal(66, all.Count);
        for (var i = 0; i < 66; i++)
        {
            var m = all[i];
            Assert.Equal(Sids[i], m.SessionId);
            Assert.Equal(i < 10 || (i >= 58 && i < 62), m.Admin);
            Assert.Equal(i is 20 or 21 || i >= 50 ? "" : i < 10 ? $"Admin {i}" : $"Member {i}", m.Name);
            Assert.Equal(i < 20 ? new GroupPicture($"http://example.com/{i}", PictureKey) : null, m.Picture);
            var expected = i switch
            {
                < 10 => GroupMemberStatus.PromotionAccepted,
                < 25 => GroupMemberStatus.InviteSending,
                < 50 => GroupMemberStatus.InviteNotSent,
                < 55 => GroupMemberStatus.InviteSent,
                < 58 => GroupMemberStatus.InviteFailed,
                < 60 => GroupMemberStatus.PromotionSent,
                < 62 => GroupMemberStatus.PromotionFailed,
                < 64 => GroupMemberStatus.Removed,
                _ => GroupMemberStatus.RemovedIncludingMessages,
            };
            Assert.Equal(expected, gmem1.StatusOf(m));
            Assert.Equal(i % 2 == 1 && i > 50 && i < 58, m.Supplement);
        }

        for (var i = 0; i < 100; i++)
        {
            if (IsPrime(i))
                gmem1.Erase(Sids[i]);
            else if (i is >= 50 and <= 56)
                gmem1.Set(gmem1.Get(Sids[i])! with { Invite = i >= 55 ? GroupInviteStatus.Sent : GroupInviteStatus.None, Supplement = i >= 55 && gmem1.Get(Sids[i])!.Supplement });
            else if (i == 58)
                gmem1.Set(gmem1.Get(Sids[i])! with { Admin = true, Invite = GroupInviteStatus.None, Promotion = GroupInviteStatus.None });
            else if (i == 59)
                gmem1.Set(gmem1.Get(Sids[i])! with { Admin = true, Invite = GroupInviteStatus.None, Promotion = GroupInviteStatus.Sent });
        }
        var p3 = gmem1.Push(GroupKeys.Key('b'));
        gmem1.ConfirmPushed(p3.Seqno, "fakehash3");
        Assert.Equal(["fakehash3"], gmem2.Merge([In("fakehash3", p3)], GroupKeys.Keys('b', 'a')).AcceptedHashes);
        var final = gmem2.Members;
        Assert.Equal(Enumerable.Range(0, 66).Where(i => !IsPrime(i)).Select(i => Sids[i]), final.Select(m => m.SessionId));
        Assert.All(final.Where(m => m.SessionId == Sids[58]), m => Assert.Equal(GroupMemberStatus.PromotionAccepted, gmem2.StatusOf(m)));
        Assert.Equal(GroupMemberStatus.InviteAccepted, gmem2.StatusOf(gmem2.Get(Sids[50])!));
        Assert.Equal(GroupMemberStatus.InviteSent, gmem2.StatusOf(gmem2.Get(Sids[55])!));
    }

    [Fact]
    public void An_admin_has_no_invite_status_and_the_supplement_flag_needs_a_pending_invite()
    {
        using var admin = GroupKeys.Admin();
        var members = new MembersConfig(admin.PublicKey, admin);
        members.Set(new GroupMember(Sids[1]) { Admin = true, Invite = GroupInviteStatus.Sent, Supplement = true });
        var m = members.Get(Sids[1])!;
        Assert.Equal(GroupInviteStatus.None, m.Invite);
        Assert.False(m.Supplement);
        Assert.Equal(GroupMemberStatus.PromotionAccepted, members.StatusOf(m));

        members.Set(new GroupMember(Sids[2]) { Name = new string('n', 150) });
        Assert.Equal(100, members.Get(Sids[2])!.Name.Length);
        Assert.Throws<ArgumentException>(() => members.Get("05abc"));
        Assert.Throws<ArgumentException>(() => members.Set(new GroupMember("03" + new string('0', 64))));
    }

    [Fact]
    public void The_pending_send_flags_are_kept_in_the_dump()
    {
        using var admin = GroupKeys.Admin();
        var members = new MembersConfig(admin.PublicKey, admin);
        members.Set(new GroupMember(Sids[3]) { Name = "Invitee" });
        members.Set(new GroupMember(Sids[4]) { Name = "Sent", Invite = GroupInviteStatus.Sent });
        Assert.True(members.HasPendingSend(Sids[3]));
        Assert.False(members.HasPendingSend(Sids[4]));

        var restored = new MembersConfig(admin.PublicKey, admin, members.Dump());
        Assert.True(restored.HasPendingSend(Sids[3]));
        Assert.False(restored.HasPendingSend(Sids[4]));
        Assert.Equal(members.Members, restored.Members);
        // Dumped while dirty: it comes back dirty, one seqno on (libsession spends a seqno rather than risk reusing one).
        Assert.True(restored.NeedsPush);
        Assert.Equal(members.Seqno + 1, restored.Seqno);
    }
}
