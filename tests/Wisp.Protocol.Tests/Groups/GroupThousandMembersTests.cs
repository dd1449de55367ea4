using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>1,000 members (keys generated here) through one rotation that removes one of them.</summary>
public sealed class GroupThousandMembersTests
{
    [Fact]
    public void Every_remaining_member_of_1000_unwraps_the_new_key_and_reads_the_message_and_the_removed_one_cannot()
    {
        using var group = GroupVectors.Key("0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210");
        var members = Enumerable.Range(1000, 1000).Select(GroupVectors.Numbered).ToList();
        try
        {
            var removed = members[500];
            var gen0 = GroupKeys.Rekey(group, members.Select(m => m.AccountId), 0);
            var gen1 = GroupKeys.Rekey(group, members.Where(m => m != removed).Select(m => m.AccountId), 1);
            Assert.True(gen1.Message.Length <= Wisp.Protocol.Storage.StorageLimits.MaxMessageBytes);
            var message = GroupMessage.Encrypt(gen1.Key, members[0], "after the rotation"u8);

            var parsed0 = GroupKeysMessage.Parse(gen0.Message, group.PublicKey).Message!;
            var parsed1 = GroupKeysMessage.Parse(gen1.Message, group.PublicKey).Message!;
            Assert.Equal(1050, parsed1.WrappedKeyCount);
            foreach (var member in members.Where(m => m != removed))
            {
                var key = Assert.Single(parsed1.UnwrapForMember(member, 1));
                Assert.True(key.Key.SequenceEqual(gen1.Key.Key));
            }
            var read = GroupMessage.Decrypt([Assert.Single(parsed1.UnwrapForMember(members[999], 1))], message);
            Assert.True(read.Ok, read.Error);

            Assert.Empty(parsed1.UnwrapForMember(removed, 1));
            var removedKeys = parsed0.UnwrapForMember(removed, 0);
            Assert.Single(removedKeys);
            Assert.Equal("unable to decrypt ciphertext with any current group keys", GroupMessage.Decrypt(removedKeys, message).Error);
        }
        finally
        {
            foreach (var member in members)
                member.Dispose();
        }
    }
}
