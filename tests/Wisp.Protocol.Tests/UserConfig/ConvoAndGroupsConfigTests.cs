using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Protocol.Tests.UserConfig;

/// <summary>libsession-util's test_config_convo_info_volatile.cpp and test_config_user_groups.cpp checks Wisp uses.</summary>
public sealed class ConvoAndGroupsConfigTests
{
    private const long Now = 1_800_000_000_000;

    [Fact]
    public void Read_state_older_than_30_days_is_ignored_and_moving_it_back_is_taken()
    {
        using var account = UserConfigVectors.Account();
        var convos = new ConvoInfoVolatileConfig(account);
        var id = "055" + new string('0', 63);
        convos.SetOneToOne(new ConversationReadState(id, Now - ConvoInfoVolatileConfig.PruneLowMs - 1, false), Now);
        Assert.Null(convos.GetOneToOne(id));

        convos.SetOneToOne(new ConversationReadState(id, Now - 5000, true), Now);
        Assert.Equal(new ConversationReadState(id, Now - 5000, true), convos.GetOneToOne(id));
        convos.SetOneToOne(new ConversationReadState(id, Now - ConvoInfoVolatileConfig.PruneLowMs - 10, false), Now);
        Assert.Equal(Now - ConvoInfoVolatileConfig.PruneLowMs - 10, convos.GetOneToOne(id)!.LastReadMs);
    }

    [Fact]
    public void Push_prunes_conversations_read_over_45_days_ago_unless_marked_unread()
    {
        using var account = UserConfigVectors.Account();
        var convos = new ConvoInfoVolatileConfig(account);
        var old = UserConfigVectors.SessionId('1');
        var unread = UserConfigVectors.SessionId('2');
        var group = "03" + new string('3', 64);
        convos.SetOneToOne(new ConversationReadState(old, Now - 1000, false), Now);
        convos.SetOneToOne(new ConversationReadState(unread, Now - 1000, true), Now);
        convos.SetGroup(new ConversationReadState(group, Now - 1000, false), Now);
        var later = Now + ConvoInfoVolatileConfig.PruneHighMs + 1;
        var push = convos.Push(later);

        var other = new ConvoInfoVolatileConfig(account);
        other.Merge([new ConfigIncoming("h", push.Data)]);
        Assert.Null(other.GetOneToOne(old));
        Assert.NotNull(other.GetOneToOne(unread));
        Assert.Null(other.GetGroup(group));
    }

    [Fact]
    public void A_group_membership_keeps_the_seed_only_when_it_is_the_groups_key()
    {
        using var account = UserConfigVectors.Account();
        using var groupKey = Wisp.Crypto.Keys.Ed25519KeyPair.Generate();
        var groupId = "03" + Convert.ToHexStringLower(groupKey.PublicKey.Span);
        var groups = new UserGroupsConfig(account);
        groups.Set(new UserGroupInfo(groupId) { Name = "Walrus", AdminSeed = groupKey.Seed.ToArray(), JoinedAt = 1700000000, Priority = 3 });
        var push = groups.Push();
        var other = new UserGroupsConfig(account);
        other.Merge([new ConfigIncoming("h", push.Data)]);
        var read = other.Get(groupId)!;
        Assert.Equal(("Walrus", 1700000000L, 3L), (read.Name, read.JoinedAt, read.Priority));
        Assert.Equal(groupKey.Seed.ToArray(), read.AdminSeed);

        using var wrong = Wisp.Crypto.Keys.Ed25519KeyPair.Generate();
        other.Set(read with { AdminSeed = wrong.Seed.ToArray(), AuthData = new byte[100] });
        Assert.Null(other.Get(groupId)!.AdminSeed);
        Assert.Equal(new byte[100], other.Get(groupId)!.AuthData);
        Assert.True(other.Erase(groupId));
        Assert.Empty(other.Groups);
    }
}
