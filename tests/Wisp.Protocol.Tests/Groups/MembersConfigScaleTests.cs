using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>A members config for a large group: what fits in one stored message.</summary>
public sealed class MembersConfigScaleTests(ITestOutputHelper output)
{
    private static MembersConfig WithMembers(Wisp.Crypto.Keys.Ed25519KeyPair admin, int count)
    {
        var members = new MembersConfig(admin.PublicKey, admin);
        var rng = new Random(count);
        var id = new byte[32];
        for (var i = 0; i < count; i++)
        {
            rng.NextBytes(id);
            members.Set(new GroupMember("05" + Convert.ToHexStringLower(id)) { Name = $"Member {i}", Invite = GroupInviteStatus.Sent });
        }
        return members;
    }

    [Fact]
    public void A_thousand_members_fit_in_one_stored_message_and_read_back()
    {
        using var admin = GroupKeys.Admin();
        var members = WithMembers(admin, 1000);
        var push = members.Push(GroupKeys.Key('a'));
        output.WriteLine($"1,000 members: {push.Data.Length} bytes");
        Assert.True(push.Data.Length <= ConfigLimits.MaxMessageBytes);

        var reader = new MembersConfig(admin.PublicKey);
        Assert.Equal(["h1"], reader.Merge([new ConfigIncoming("h1", push.Data)], GroupKeys.Keys('a')).AcceptedHashes);
        Assert.Equal(members.Members, reader.Members);
        Assert.Equal(1000, reader.Count);
    }

    [Fact]
    public void Too_many_members_for_one_message_is_a_clear_error()
    {
        using var admin = GroupKeys.Admin();
        var members = WithMembers(admin, 2000);
        var error = Assert.Throws<ConfigTooLargeException>(() => members.Push(GroupKeys.Key('a')));
        output.WriteLine($"2,000 members: {error.Size} bytes");
        Assert.True(error.Size > ConfigLimits.MaxMessageBytes);
        Assert.True(members.NeedsPush);
    }
}
