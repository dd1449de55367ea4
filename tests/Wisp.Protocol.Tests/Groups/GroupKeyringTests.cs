using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

public sealed class GroupKeyringTests
{
    private const long Day = 24L * 60 * 60 * 1000;
    private const string GroupSeed = "0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210";

    [Fact]
    public void Member_collects_generations_newest_first_and_ignores_a_repeat()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var member = GroupVectors.Numbered(1);
        var ring = new GroupKeyring(group.PublicKey);
        var gen0 = GroupKeys.Rekey(group, [member.AccountId], 0).Message;
        var gen1 = GroupKeys.Rekey(group, [member.AccountId], 1).Message;

        Assert.True(ring.Load(gen1, 2_000, member).Added);
        Assert.True(ring.Load(gen0, 1_000, member).Added);
        var again = ring.Load(gen1, 3_000, member);

        Assert.True(again.Ok);
        Assert.False(again.Added);
        Assert.Equal([1L, 0L], ring.Keys.Select(k => k.Generation));
        Assert.Equal(1, ring.Current!.Generation);
        Assert.Equal(2_000, ring.Current.TimestampMs);
    }

    [Fact]
    public void Admin_reads_the_key_through_the_admin_copy()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var admin = GroupVectors.Numbered(7);
        var ring = new GroupKeyring(group.PublicKey);
        var rekey = GroupKeys.Rekey(group, [admin.AccountId], 0);

        Assert.True(ring.Load(rekey.Message, 1, admin, group).Added);
        Assert.True(ring.Current!.Key.SequenceEqual(rekey.Key.Key));
    }

    [Fact]
    public void A_message_for_others_is_valid_but_adds_nothing_and_a_bad_one_reports_why()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var member = GroupVectors.Numbered(1);
        using var other = GroupVectors.Numbered(2);
        var ring = new GroupKeyring(group.PublicKey);
        var message = GroupKeys.Rekey(group, [other.AccountId], 0).Message;

        var forOthers = ring.Load(message, 1, member);
        message[^10] ^= 1;
        var tampered = ring.Load(message, 1, member);

        Assert.Equal(new GroupKeyringLoad(false, 0, null), forOthers);
        Assert.Equal("Config signature failed verification", tampered.Error);
        Assert.Null(ring.Current);
    }

    [Fact]
    public void Generation_superseded_for_more_than_60_days_is_dropped()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var ring = new GroupKeyring(group.PublicKey);
        byte[] K(int n) => Enumerable.Repeat((byte)n, 32).ToArray();

        ring.Add(new GroupKey(0, K(0), 0));
        ring.Add(new GroupKey(1, K(1), Day));
        ring.Add(new GroupKey(2, K(2), (61 * Day) + 2));

        Assert.Equal([2L, 1L], ring.Keys.Select(k => k.Generation));
        Assert.False(ring.Add(new GroupKey(0, K(9), 5)));
    }
}
