
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

public sealed class GroupKeysTests
{
    private const string GroupSeed = "0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210";

    private static List<Ed25519KeyPair> Members(int count) => [.. Enumerable.Range(1, count).Select(GroupVectors.Numbered)];

    [Fact]
    public void Rekey_is_deterministic_and_each_generation_has_its_own_key()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var ids = Members(3).Select(m => m.AccountId).ToList();

        var first = GroupKeys.Rekey(group, ids, 4);
        var again = GroupKeys.Rekey(group, Enumerable.Reverse(ids), 4);
        var next = GroupKeys.Rekey(group, ids, 5);

        Assert.Equal(first.Message, again.Message);
        Assert.Equal(4, first.Key.Generation);
        Assert.False(first.Key.Key.SequenceEqual(next.Key.Key));
    }

    [Fact]
    public void Full_message_has_libsession_layout_padding_and_a_signature_over_the_bytes_before_the_tilde()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var message = GroupKeys.Rekey(group, Members(3).Select(m => m.AccountId), 7).Message;

        var text = System.Text.Encoding.Latin1.GetString(message);
        Assert.StartsWith("d1:#24:", text);
        Assert.Equal("1:Gi7e1:K48:", text.Substring(31, 12));
        Assert.Equal("1:kl", text.Substring(31 + 12 + 48, 4));
        Assert.Equal(1 + 30 + 6 + 54 + 4 + (75 * 51) + 1 + 70 + 1, message.Length);
        Assert.Equal("1:~64:", text.Substring(message.Length - 71, 6));
        Assert.Equal('e', text[^1]);
        Assert.True(Ed25519.Verify(group.PublicKey, message.AsSpan(0, message.Length - 71), message.AsSpan(message.Length - 65, 64)));

        var parsed = GroupKeysMessage.Parse(message, group.PublicKey);
        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(75, parsed.Message!.WrappedKeyCount);
        Assert.False(parsed.Message.IsSupplement);
    }

    [Fact]
    public void A_new_group_with_no_members_has_an_empty_member_list()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var parsed = GroupKeysMessage.Parse(GroupKeys.Rekey(group, [], 0).Message, group.PublicKey);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(0, parsed.Message!.WrappedKeyCount);
    }

    [Fact]
    public void Every_member_and_the_admin_unwrap_the_same_key_and_an_outsider_gets_none()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var members = Members(4);
        using var outsider = GroupVectors.Numbered(99);
        var rekey = GroupKeys.Rekey(group, members.Select(m => m.AccountId), 2);
        var parsed = GroupKeysMessage.Parse(rekey.Message, group.PublicKey).Message!;

        foreach (var member in members)
        {
            var keys = parsed.UnwrapForMember(member, 1234);
            var key = Assert.Single(keys);
            Assert.True(key.Key.SequenceEqual(rekey.Key.Key));
            Assert.Equal(2, key.Generation);
            Assert.Equal(1234, key.TimestampMs);
        }
        Assert.True(parsed.UnwrapForAdmin(group, 1)!.Key.SequenceEqual(rekey.Key.Key));
        Assert.Empty(parsed.UnwrapForMember(outsider, 1));
        using var notTheGroup = GroupVectors.Numbered(98);
        Assert.Null(parsed.UnwrapForAdmin(notTheGroup, 1));
    }

    [Theory]
    [InlineData(10, 75)]
    [InlineData(75, 75)]
    [InlineData(76, 150)]
    [InlineData(100, 150)]
    public void Member_list_is_padded_to_a_multiple_of_75(int members, int entries)
    {
        using var group = GroupVectors.Key(GroupSeed);
        var message = GroupKeys.Rekey(group, Members(members).Select(m => m.AccountId), 1).Message;

        Assert.Equal(entries, GroupKeysMessage.Parse(message, group.PublicKey).Message!.WrappedKeyCount);
    }

    [Fact]
    public void Wisp_ceiling_of_1500_members_fits_the_store_limit_and_1501_is_refused()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var ids = Enumerable.Range(1, 1501).Select(GroupVectors.Numbered).Select(k => k.AccountId).ToList();

        var message = GroupKeys.Rekey(group, ids.Take(1500), 12).Message;
        Assert.True(message.Length <= Wisp.Protocol.Storage.StorageLimits.MaxMessageBytes, $"{message.Length} bytes");
        Assert.Throws<ArgumentException>(() => GroupKeys.Rekey(group, ids, 12));
    }

    [Fact]
    public void Supplement_gives_added_members_every_key_and_nobody_else_anything()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var added = GroupVectors.Numbered(1);
        using var other = GroupVectors.Numbered(2);
        var keys = new[]
        {
            new GroupKey(1, GroupKeys.Rekey(group, [], 1).Key.Key, 1_700_000_000_000),
            new GroupKey(0, GroupKeys.Rekey(group, [], 0).Key.Key, 1_690_000_000_000),
        };

        var message = GroupKeys.Supplement(group, [added.AccountId], keys);
        var parsed = GroupKeysMessage.Parse(message, group.PublicKey);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.True(parsed.Message!.IsSupplement);
        Assert.Equal(1, parsed.Message.Generation);
        var got = parsed.Message.UnwrapForMember(added, 5);
        Assert.Equal([0L, 1L], got.Select(k => k.Generation));
        Assert.Equal([1_690_000_000_000L, 1_700_000_000_000L], got.Select(k => k.TimestampMs));
        Assert.True(got[1].Key.SequenceEqual(keys[0].Key));
        Assert.Empty(parsed.Message.UnwrapForMember(other, 5));
        Assert.Null(parsed.Message.UnwrapForAdmin(group, 5));
        Assert.StartsWith("d1:#24:", System.Text.Encoding.Latin1.GetString(message));
        Assert.Contains("1:+l", System.Text.Encoding.Latin1.GetString(message));
    }

    [Fact]
    public void Supplement_refuses_no_keys()
    {
        using var group = GroupVectors.Key(GroupSeed);
        Assert.Throws<ArgumentException>(() => GroupKeys.Supplement(group, [GroupVectors.Numbered(1).AccountId], []));
    }

    [Fact]
    public void A_tampered_byte_or_another_group_key_fails_the_signature()
    {
        using var group = GroupVectors.Key(GroupSeed);
        using var other = GroupVectors.Numbered(50);
        var message = GroupKeys.Rekey(group, Members(2).Select(m => m.AccountId), 3).Message;
        var tampered = (byte[])message.Clone();
        tampered[100] ^= 1;

        Assert.Equal("Config signature failed verification", GroupKeysMessage.Parse(tampered, group.PublicKey).Error);
        Assert.Equal("Config signature failed verification", GroupKeysMessage.Parse(message, other.PublicKey).Error);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "nonce", "Key message has no nonce" },
        { "generation", "Key message missing required generation (G) field" },
        { "negative", "Key message contains invalid negative generation" },
        { "admin", "Non-supplemental key message is missing required admin key (K)" },
        { "admin-length", "Key message has invalid admin key length" },
        { "member-length", "Key message has invalid member key length at index 1" },
        { "padding", "Member key list has wrong size (missing junk key padding?)" },
        { "supplement-size", "Supplemental key message has invalid key info size at index 0" },
        { "supplement-generation", "Supplemental key message missing required max generation field (G)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Signed_but_malformed_messages_are_refused_with_libsession_text(string defect, string error)
    {
        using var group = GroupVectors.Key(GroupSeed);
        var entries = new Dictionary<string, BencodeValue>
        {
            ["#"] = new BencodeString(new byte[24]),
            ["G"] = new BencodeInteger(defect == "negative" ? -1 : 0),
            ["K"] = new BencodeString(new byte[defect == "admin-length" ? 47 : 48]),
            ["k"] = new BencodeList([.. Enumerable.Range(0, 75).Select(i => new BencodeString(new byte[defect == "member-length" && i == 1 ? 49 : 48]))]),
        };
        switch (defect)
        {
            case "nonce": entries["#"] = new BencodeString(new byte[23]); break;
            case "generation": entries.Remove("G"); break;
            case "admin": entries.Remove("K"); break;
            case "padding": entries["k"] = new BencodeList([new BencodeString(new byte[48])]); break;
            case "supplement-size":
                entries.Remove("K");
                entries.Remove("k");
                entries["+"] = new BencodeList([new BencodeString(new byte[67])]);
                break;
            case "supplement-generation":
                entries.Remove("K");
                entries.Remove("k");
                entries.Remove("G");
                entries["+"] = new BencodeList([new BencodeString(new byte[68])]);
                break;
        }
        var message = GroupKeys.SignedDictionary(group, entries);

        Assert.Equal(error, GroupKeysMessage.Parse(message, group.PublicKey).Error);
    }

    [Fact]
    public void Unsigned_or_not_bencoded_messages_are_refused()
    {
        using var group = GroupVectors.Key(GroupSeed);
        var unsigned = BencodeWriter.Encode(new BencodeDictionary(new Dictionary<string, BencodeValue>
        {
            ["#"] = new BencodeString(new byte[24]),
            ["G"] = new BencodeInteger(0),
            ["K"] = new BencodeString(new byte[48]),
            ["k"] = new BencodeList([]),
        }));

        Assert.Equal("Config signature is missing", GroupKeysMessage.Parse(unsigned, group.PublicKey).Error);
        Assert.Equal("Key message is not a bencoded dict", GroupKeysMessage.Parse("garbage"u8.ToArray(), group.PublicKey).Error);
    }
}
