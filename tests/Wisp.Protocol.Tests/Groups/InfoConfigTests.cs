using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The group info config, following libsession-util's tests/test_group_info.cpp.</summary>
public sealed class InfoConfigTests
{
    private static ConfigIncoming In(string hash, ConfigPush push) => new(hash, push.Data);

    [Fact]
    public void The_test_seed_gives_libsessions_group_key()
    {
        using var admin = GroupKeys.Admin();
        Assert.Equal(GroupKeys.PublicKeyHex, admin.PublicKey.ToHex());
    }

    [Fact]
    public void Settings_travel_between_admins_under_rotating_keys()
    {
        using var admin = GroupKeys.Admin();
        var info1 = new InfoConfig(admin.PublicKey, admin);
        var info2 = new InfoConfig(admin.PublicKey, admin);

        info1.Set(new GroupInfo { Name = "GROUP Name" });
        Assert.True(info1.NeedsPush);
        Assert.True(info1.NeedsDump);
        var p1 = info1.Push(GroupKeys.Key('a'));
        Assert.Equal(1, p1.Seqno);
        Assert.Equal(256, p1.Data.Length);
        Assert.Empty(p1.ObsoleteHashes);
        info1.ConfirmPushed(p1.Seqno, "fakehash1");
        Assert.False(info1.NeedsPush);

        var merged = info2.Merge([In("fakehash1", p1)], GroupKeys.Keys('b', 'a', 'c', 'd'));
        Assert.Equal(["fakehash1"], merged.AcceptedHashes);
        Assert.False(info2.NeedsPush);
        Assert.Equal("GROUP Name", info2.Info.Name);

        const long created = 1682529839;
        var picture = new GroupPicture("http://example.com/12345", Convert.FromHexString(string.Concat(Enumerable.Repeat("abcd", 16))));
        info2.Set(info2.Info with
        {
            Picture = picture,
            ExpiryTimerSeconds = 3600,
            Created = created,
            DeleteBefore = created + (50 * 86400),
            DeleteAttachmentsBefore = created + (70 * 86400),
            Destroyed = true,
        });
        var p2 = info2.Push(GroupKeys.Key('b'));
        Assert.Equal(2, p2.Seqno);
        Assert.Equal(512, p2.Data.Length);
        Assert.Equal(["fakehash1"], p2.ObsoleteHashes);
        info2.ConfirmPushed(p2.Seqno, "fakehash2");

        info1.Set(info1.Info with { Name = "Better name!" });

        // Without the key info2 used, nothing is read.
        var refused = info1.Merge([In("fakehash2", p2)], GroupKeys.Keys('a'));
        Assert.Empty(refused.AcceptedHashes);
        Assert.Equal("Failed to decrypt message", Assert.Single(refused.Rejected).Reason);

        Assert.Equal(["fakehash2"], info1.Merge([In("fakehash2", p2)], GroupKeys.Keys('b', 'a', 'c')).AcceptedHashes);
        Assert.True(info1.NeedsPush);
        var p3 = info1.Push(GroupKeys.Key('b'));

        // Both seqno-2 edits survive; of the two names, the (seqno, hash)-later one wins, which is "Better name!" in
        // libsession's test: the same only if the bytes (and so the hashes) are the same.
        var expected = new GroupInfo
        {
            Name = "Better name!",
            Picture = picture,
            ExpiryTimerSeconds = 3600,
            Created = created,
            DeleteBefore = created + (50 * 86400),
            DeleteAttachmentsBefore = created + (70 * 86400),
            Destroyed = true,
        };
        Assert.Equal(expected, info1.Info);
        info1.ConfirmPushed(p3.Seqno, "fakehash3");

        Assert.Equal(["fakehash3"], info2.Merge([In("fakehash3", p3)], GroupKeys.Keys('b', 'a', 'c', 'd')).AcceptedHashes);
        Assert.Equal(expected, info2.Info);
    }

    [Fact]
    public void Names_and_descriptions_over_the_limit_are_refused()
    {
        using var admin = GroupKeys.Admin();
        var info = new InfoConfig(admin.PublicKey, admin);
        Assert.Throws<ArgumentException>(() => info.Set(new GroupInfo { Name = new string('x', 101) }));
        Assert.Throws<ArgumentException>(() => info.Set(new GroupInfo { Description = new string('x', 2001) }));
        info.Set(new GroupInfo { Name = new string('x', 100), Description = new string('y', 2000) });
        Assert.Equal(100, info.Info.Name!.Length);
    }

    [Fact]
    public void A_reader_without_the_group_key_verifies_but_cannot_change()
    {
        using var admin = GroupKeys.Admin();
        var reader = new InfoConfig(admin.PublicKey);
        var error = Assert.Throws<InvalidOperationException>(() => reader.Set(new GroupInfo { Name = "Super Group!" }));
        Assert.Equal("Unable to make changes to a read-only config object", error.Message);
        Assert.False(reader.NeedsPush);

        var writer = new InfoConfig(admin.PublicKey, admin);
        writer.Set(new GroupInfo { Name = "Super Group!!" });
        var p1 = writer.Push(GroupKeys.Key('a'));
        Assert.Equal(1, p1.Seqno);
        writer.ConfirmPushed(p1.Seqno, "fakehash1");
        Assert.Equal(["fakehash1"], reader.Merge([In("fakehash1", p1)], GroupKeys.Keys('a')).AcceptedHashes);
        Assert.False(reader.NeedsPush);
        Assert.Equal("Super Group!!", reader.Info.Name);

        // Setting the value it already has is no change, so even a reader may do it.
        reader.Set(reader.Info);
        Assert.Throws<InvalidOperationException>(() => reader.Set(new GroupInfo { Name = "Super Group11" }));
    }

    [Fact]
    public void A_message_signed_by_another_key_is_refused()
    {
        using var admin = GroupKeys.Admin();
        using var impostor = GroupKeys.Impostor();
        var reader = new InfoConfig(admin.PublicKey);
        var writer = new InfoConfig(admin.PublicKey, admin);
        writer.Set(new GroupInfo { Name = "Super Group!!" });
        var good = writer.Push(GroupKeys.Key('a'));
        reader.Merge([In("fakehash1", good)], GroupKeys.Keys('a'));

        // The impostor's config verifies against its own key only.
        var forger = new InfoConfig(impostor.PublicKey, impostor);
        forger.Set(new GroupInfo { Name = "Bad name, BAD!" });
        var bad = forger.Push(GroupKeys.Key('a'));

        var result = reader.Merge([In("badhash1", bad)], GroupKeys.Keys('a'));
        Assert.Empty(result.AcceptedHashes);
        Assert.Equal(new ConfigRejection("badhash1", "Config signature failed verification"), Assert.Single(result.Rejected));
        Assert.Equal("Super Group!!", reader.Info.Name);
        Assert.False(reader.NeedsPush);
    }

    [Fact]
    public void Two_admins_editing_at_once_converge_on_the_same_bytes()
    {
        using var admin = GroupKeys.Admin();
        var reader = new InfoConfig(admin.PublicKey);
        var rw = new InfoConfig(admin.PublicKey, admin);
        var rw2 = new InfoConfig(admin.PublicKey, admin);
        rw.Set(new GroupInfo { Name = "Super Group!!" });
        var p1 = rw.Push(GroupKeys.Key('a'));
        rw.ConfirmPushed(p1.Seqno, "fakehash1");
        reader.Merge([In("fakehash1", p1)], GroupKeys.Keys('a'));
        rw2.Merge([In("fakehash1", p1)], GroupKeys.Keys('a'));

        rw2.Set(rw2.Info with { Name = "Super Group 2", Created = 12345 });
        rw.Set(rw.Info with { Name = "Super Group 3", ExpiryTimerSeconds = 365 * 86400 });
        var p2 = rw2.Push(GroupKeys.Key('a'));
        var p3 = rw.Push(GroupKeys.Key('a'));
        Assert.Equal(2, p2.Seqno);
        Assert.Equal(2, p3.Seqno);
        ConfigIncoming[] both = [In("fakehash2", p2), In("fakehash3", p3)];

        // A reader cannot publish a merge, so it settles on one of them and stays clean.
        Assert.Equal(["fakehash2", "fakehash3"], reader.Merge(both, GroupKeys.Keys('a')).AcceptedHashes);
        Assert.False(reader.NeedsPush);

        Assert.Equal(["fakehash2", "fakehash3"], rw.Merge(both, GroupKeys.Keys('a')).AcceptedHashes);
        Assert.Equal(["fakehash2", "fakehash3"], rw2.Merge(both, GroupKeys.Keys('a')).AcceptedHashes);
        Assert.True(rw.NeedsPush);
        Assert.True(rw2.NeedsPush);
        var p23 = rw.Push(GroupKeys.Key('a'));
        var p32 = rw2.Push(GroupKeys.Key('a'));
        Assert.Equal(p23.Seqno, p32.Seqno);
        Assert.Equal(Convert.ToHexString(p23.Data), Convert.ToHexString(p32.Data));
        Assert.Equal(p23.ObsoleteHashes, p32.ObsoleteHashes);
        rw.ConfirmPushed(p23.Seqno, "fakehash23");
        rw2.ConfirmPushed(p32.Seqno, "fakehash23");

        foreach (var config in new[] { reader, rw, rw2 })
        {
            Assert.Equal(["fakehash23"], config.Merge([In("fakehash23", p23)], GroupKeys.Keys('a')).AcceptedHashes);
            Assert.False(config.NeedsPush);
            Assert.Equal("Super Group 2", config.Info.Name);
            Assert.Equal(12345, config.Info.Created);
            Assert.Equal(365 * 86400, config.Info.ExpiryTimerSeconds);
        }

        // A reader's dump restores it; an admin with another newest key reads it and re-encrypts under its own.
        var restored = new InfoConfig(admin.PublicKey, dump: reader.Dump());
        Assert.False(reader.NeedsDump);
        Assert.Equal(reader.Info, restored.Info);
        Assert.Equal(reader.Seqno, restored.Seqno);
        Assert.Equal(["fakehash23"], restored.CurrentHashes);

        var rw3 = new InfoConfig(admin.PublicKey, admin);
        Assert.Equal(["fakehash23"], rw3.Merge([In("fakehash23", p23)], GroupKeys.Keys('b', 'a')).AcceptedHashes);
        Assert.Equal("Super Group 2", rw3.Info.Name);
        rw3.MarkDirty();
        var p4 = rw3.Push(GroupKeys.Key('b'));
        Assert.Equal(p23.Seqno + 1, p4.Seqno);
        Assert.Equal(["fakehash23"], p4.ObsoleteHashes);
        Assert.Empty(reader.Merge([In("h4", p4)], GroupKeys.Keys('a')).AcceptedHashes);
        Assert.Equal(["h4"], reader.Merge([In("h4", p4)], GroupKeys.Keys('b', 'a')).AcceptedHashes);
        Assert.Equal(p4.Seqno, reader.Seqno);
    }
}
