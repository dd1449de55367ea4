using Wisp.Crypto.Aead;
using Wisp.Crypto.Groups;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>Forward secrecy per generation: after a rotation without a member, nothing of the new generation opens for it.</summary>
public sealed class GroupRemovalTests
{
    private const string GroupSeed = "0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210";

    [Fact]
    public void Removed_member_cannot_unwrap_the_new_key_nor_decrypt_a_message_under_it()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var alice = GroupVectors.Numbered(1);
        using var bob = GroupVectors.Numbered(2);
        using var carol = GroupVectors.Numbered(3);
        var bobRing = new GroupKeyring(group.PublicKey);
        var carolRing = new GroupKeyring(group.PublicKey);
        var gen0 = GroupKeys.Rekey(group, [alice.AccountId, bob.AccountId, carol.AccountId], 0);
        Assert.True(bobRing.Load(gen0.Message, 1_000, bob).Added);
        Assert.True(carolRing.Load(gen0.Message, 1_000, carol).Added);

        // Carol is removed: generation 1 is wrapped for Alice and Bob only.
        var gen1 = GroupKeys.Rekey(group, [alice.AccountId, bob.AccountId], 1);
        var bobLoad = bobRing.Load(gen1.Message, 2_000, bob);
        var carolLoad = carolRing.Load(gen1.Message, 2_000, carol);
        Assert.True(bobLoad.Added);
        Assert.True(carolLoad.Ok);
        Assert.False(carolLoad.Added);
        Assert.Equal(0, carolRing.MaxGeneration);

        // Byte level: Carol's wrap key opens none of generation 1's 75 entries, and the new key is none of hers.
        var nonce = gen1.Message.AsSpan(7, 24).ToArray();
        var parsed = GroupKeysMessage.Parse(gen1.Message, group.PublicKey).Message!;
        Span<byte> carolKey = stackalloc byte[MultiRecipientKey.KeyBytes];
        Assert.True(MultiRecipientKey.TryFromSender(carol, group.PublicKey.ToX25519()!, "SessionGroupKeyMember"u8, carolKey));
        var opened = 0;
        var entryStart = 7 + 24 + 12 + 48 + 4;
        for (var i = 0; i < parsed.WrappedKeyCount; i++)
        {
            var entry = gen1.Message.AsSpan(entryStart + (i * 51) + 3, 48);
            if (XChaCha20Poly1305.Decrypt(carolKey, nonce, entry, default, new byte[32]))
                opened++;
        }
        Assert.Equal(0, opened);
        Assert.DoesNotContain(carolRing.Keys, k => k.Key.SequenceEqual(gen1.Key.Key));

        using var sender = alice;
        var ciphertext = GroupMessage.Encrypt(gen1.Key, sender, "after the removal"u8);
        Assert.Equal("unable to decrypt ciphertext with any current group keys", GroupMessage.Decrypt(carolRing.Keys, ciphertext).Error);
        foreach (var key in carolRing.Keys)
            Assert.False(XChaCha20Poly1305.Decrypt(key.Key, ciphertext.AsSpan(0, 24), ciphertext.AsSpan(24), default, new byte[ciphertext.Length - 40]));
        var bobRead = GroupMessage.Decrypt(bobRing.Keys, ciphertext);
        Assert.True(bobRead.Ok, bobRead.Error);
        Assert.Equal("after the removal"u8.ToArray(), bobRead.Data);
        Assert.Equal(1, bobRead.Generation);

        // What Carol could read before the removal she still can (no retroactive loss, as in Session).
        var before = GroupMessage.Encrypt(gen0.Key, sender, "before"u8);
        Assert.True(GroupMessage.Decrypt(carolRing.Keys, before).Ok);
    }
}
