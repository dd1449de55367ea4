using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>
/// Pushes made by libsession-util itself (its group config sources built by make_group_config_pushes.cpp, see
/// Vectors/libsession/README-configs.md): Wisp reads them, and the same edits in Wisp store the same message.
/// </summary>
public sealed class LibsessionPushTests
{
    private const string Domain = "groups::Info";
    private static readonly byte[] PictureKey = Convert.FromHexString(string.Concat(Enumerable.Repeat("abcd", 16)));

    private static string SessionId(int i) => "05" + Convert.ToHexStringLower(Enumerable.Repeat((byte)i, 32).ToArray());

    // The plaintext config message inside a stored push (padding stripped, zstd undone).
    private static string Inner(byte[] push, string domain) =>
        Convert.ToHexStringLower(ConfigEnvelope.Open(push, ConfigTestKeys.Keys('a'), domain, out _)!);

    private static void EditInfo1(InfoConfig info) => info.Set(new GroupInfo { Name = "GROUP Name" });

    private static void EditInfo2(InfoConfig info) => info.Set(info.Info with
    {
        Picture = new GroupPicture("http://example.com/12345", PictureKey),
        ExpiryTimerSeconds = 3600,
        Created = 1682529839,
        DeleteBefore = 1682529839 + (50 * 86400),
        DeleteAttachmentsBefore = 1682529839 + (70 * 86400),
        Description = "A description of the group",
        Destroyed = true,
    });

    [Fact]
    public void Wisp_reads_libsessions_info_pushes()
    {
        using var admin = ConfigTestKeys.Admin();
        var reader = new InfoConfig(admin.PublicKey);
        var first = reader.Merge([new ConfigIncoming("h1", ConfigVectors.Push("info_push1"))], ConfigTestKeys.Keys('a'));
        Assert.Equal(["h1"], first.AcceptedHashes);
        Assert.Equal(new GroupInfo { Name = "GROUP Name" }, reader.Info);

        var second = reader.Merge([new ConfigIncoming("h2", ConfigVectors.Push("info_push2"))], ConfigTestKeys.Keys('a'));
        Assert.Equal(["h2"], second.AcceptedHashes);
        Assert.Equal(2, reader.Seqno);
        Assert.Equal(new GroupInfo
        {
            Name = "GROUP Name",
            Description = "A description of the group",
            Picture = new GroupPicture("http://example.com/12345", PictureKey),
            ExpiryTimerSeconds = 3600,
            Created = 1682529839,
            DeleteBefore = 1682529839 + (50 * 86400),
            DeleteAttachmentsBefore = 1682529839 + (70 * 86400),
            Destroyed = true,
        }, reader.Info);
    }

    [Fact]
    public void The_same_info_edits_in_Wisp_store_libsessions_message()
    {
        using var admin = ConfigTestKeys.Admin();
        var info = new InfoConfig(admin.PublicKey, admin);
        EditInfo1(info);
        var p1 = info.Push(ConfigTestKeys.Key('a'));
        Assert.Equal(long.Parse(ConfigVectors.PushText("info_seqno1"), System.Globalization.CultureInfo.InvariantCulture), p1.Seqno);
        Assert.Equal(Inner(ConfigVectors.Push("info_push1"), Domain), Inner(p1.Data, Domain));
        Assert.Equal(ConfigVectors.PushText("info_push1"), Convert.ToHexStringLower(p1.Data));
        info.ConfirmPushed(p1.Seqno, "fakehash1");

        EditInfo2(info);
        var p2 = info.Push(ConfigTestKeys.Key('a'));
        Assert.Equal(2, p2.Seqno);
        Assert.Equal(Inner(ConfigVectors.Push("info_push2"), Domain), Inner(p2.Data, Domain));
        Assert.Equal(ConfigVectors.PushText("info_push2"), Convert.ToHexStringLower(p2.Data));
    }

    private static MembersConfig Members25(Wisp.Crypto.Keys.Ed25519KeyPair admin)
    {
        var members = new MembersConfig(admin.PublicKey, admin);
        for (var i = 0; i < 25; i++)
        {
            var m = new GroupMember(SessionId(i));
            m = i switch
            {
                < 5 => m with { Admin = true, Invite = GroupInviteStatus.None, Promotion = GroupInviteStatus.None, Name = $"Admin {i}" },
                < 10 => m with { Name = $"Member {i}", Picture = new GroupPicture($"http://example.com/{i}", PictureKey) },
                < 15 => m with { Invite = GroupInviteStatus.Sent, Supplement = i % 2 == 1 },
                < 18 => m with { Invite = GroupInviteStatus.Failed },
                < 20 => m with { Admin = true, Invite = GroupInviteStatus.None, Promotion = GroupInviteStatus.Sent },
                < 22 => m with
                {
                    Invite = GroupInviteStatus.None,
                    Promotion = GroupInviteStatus.None,
                    Removed = i == 21 ? GroupRemovedStatus.RemovedWithMessages : GroupRemovedStatus.Removed,
                },
                _ => m,
            };
            members.Set(m);
        }
        return members;
    }

    [Fact]
    public void Wisp_reads_libsessions_members_push_and_stores_the_same_message()
    {
        using var admin = ConfigTestKeys.Admin();
        var reader = new MembersConfig(admin.PublicKey);
        Assert.Equal(["h1"], reader.Merge([new ConfigIncoming("h1", ConfigVectors.Push("members_push1"))], ConfigTestKeys.Keys('a')).AcceptedHashes);
        var expected = Members25(admin);
        Assert.Equal(expected.Members, reader.Members);
        Assert.Equal(GroupMemberStatus.InviteSent, reader.StatusOf(reader.Get(SessionId(11))!));
        Assert.Equal(GroupMemberStatus.PromotionSent, reader.StatusOf(reader.Get(SessionId(18))!));
        Assert.Equal(GroupMemberStatus.RemovedIncludingMessages, reader.StatusOf(reader.Get(SessionId(21))!));

        // libsession compressed this one, so equal bytes mean equal zstd output too.
        Assert.True(ConfigEncryption.TryDecrypt(ConfigVectors.Push("members_push1"), ConfigTestKeys.Key('a'), "groups::Members", out var padded));
        Assert.Equal((byte)'z', padded[padded.AsSpan().IndexOfAnyExcept((byte)0)]);

        var push = expected.Push(ConfigTestKeys.Key('a'));
        Assert.Equal(Inner(ConfigVectors.Push("members_push1"), "groups::Members"), Inner(push.Data, "groups::Members"));
        Assert.Equal(ConfigVectors.PushText("members_push1"), Convert.ToHexStringLower(push.Data));
    }
}
