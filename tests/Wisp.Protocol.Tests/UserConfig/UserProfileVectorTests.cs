using System.Text;
using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Protocol.Tests.UserConfig;

/// <summary>libsession-util's "user profile C API" test, byte for byte (Vectors/libsession-util/user_configs.txt).</summary>
public sealed class UserProfileVectorTests
{
    private static readonly byte[] PictureKey = System.Text.Encoding.ASCII.GetBytes("secret78901234567890123456789012");

    // exp_push1_decrypted, as the test spells it.
    private static byte[] Push1Plain() =>
    [
        .. "d1:#i1e1:&d1:+i9e1:n6:Kallie1:p34:http://example.org/omg-pic-123.bmp1:q32:secret78901234567890123456789012e1:<lli0e32:"u8,
        .. UserConfigVectors.Bytes("hash0"),
        .. "deee1:=d1:+0:1:n0:1:p0:1:q0:ee"u8,
    ];

    private static byte[] Dump(int state, string currentHash) =>
    [
        .. System.Text.Encoding.ASCII.GetBytes($"d1:!i{state}e1:${Push1Plain().Length}:"),
        .. Push1Plain(),
        .. System.Text.Encoding.ASCII.GetBytes($"1:({currentHash.Length}:{currentHash}1:)le1:+dee"),
    ];

    private static UserProfileConfig Kallie(Wisp.Crypto.Keys.Ed25519KeyPair account)
    {
        var profile = new UserProfileConfig(account);
        profile.SetName("Kallie");
        profile.SetPicture(new GroupPicture("http://example.org/omg-pic-123.bmp", PictureKey));
        profile.SetNoteToSelfPriority(9);
        return profile;
    }

    [Fact]
    public void The_account_keys_match_libsessions()
    {
        using var account = UserConfigVectors.Account();
        Assert.Equal(UserConfigVectors.Hex("ed25519_pk"), Convert.ToHexStringLower(account.PublicKey.Span));
        Assert.Equal(UserConfigVectors.Hex("x25519_pk"), Convert.ToHexStringLower(account.X25519PublicKey.Span));
    }

    [Fact]
    public void An_empty_profile_pushes_libsessions_exact_wrapped_bytes()
    {
        using var account = UserConfigVectors.Account();
        var profile = new UserProfileConfig(account);
        Assert.False(profile.NeedsPush);
        Assert.False(profile.NeedsDump);
        Assert.Equal("UserProfile", profile.EncryptionDomain);
        Assert.Equal(2, profile.Namespace);

        var push = profile.Push();
        Assert.Equal(0, push.Seqno);
        Assert.Equal(256 + 176, push.Data.Length);
        Assert.Equal(UserConfigVectors.Hex("push0_wrapped"), Convert.ToHexStringLower(push.Data));
    }

    [Fact]
    public void The_first_change_pushes_libsessions_message_and_ciphertext()
    {
        using var account = UserConfigVectors.Account();
        var profile = Kallie(account);
        Assert.True(profile.NeedsPush);
        Assert.True(profile.NeedsDump);
        var push = profile.Push();
        Assert.Equal(1, push.Seqno);

        var encrypted = UserConfigWrapping.TryUnwrap(account, push.Data, UserConfigKind.UserProfile);
        Assert.NotNull(encrypted);
        Assert.Equal(UserConfigVectors.Hex("push1_encrypted"), Convert.ToHexStringLower(encrypted));
        var plain = ConfigEnvelope.Open(encrypted, [account.Seed.ToArray()], "UserProfile", out _);
        Assert.Equal(Push1Plain(), plain);
    }

    [Fact]
    public void Dumps_follow_libsessions_layout_before_and_after_confirmation()
    {
        using var account = UserConfigVectors.Account();
        var profile = Kallie(account);
        var push = profile.Push();
        Assert.Equal(Dump(2, ""), profile.Dump());
        Assert.False(profile.NeedsDump);
        Assert.True(profile.NeedsPush);

        profile.ConfirmPushed(push.Seqno, "fakehash1");
        Assert.False(profile.NeedsPush);
        Assert.True(profile.NeedsDump);
        Assert.Equal(Dump(0, "fakehash1"), profile.Dump());
    }

    [Fact]
    public void A_second_device_merges_libsessions_bare_ciphertext()
    {
        using var account = UserConfigVectors.Account();
        var other = new UserProfileConfig(account);
        var result = other.Merge([new ConfigIncoming("fakehash1", UserConfigVectors.Bytes("push1_encrypted"))]);
        Assert.Equal(["fakehash1"], result.AcceptedHashes);
        Assert.True(other.NeedsDump);
        Assert.False(other.NeedsPush);
        Assert.Equal("Kallie", other.Name);
        Assert.Equal(9, other.NoteToSelfPriority);
        Assert.Equal(new GroupPicture("http://example.org/omg-pic-123.bmp", PictureKey), other.Picture);
    }

    [Fact]
    public void Conflicting_edits_on_two_devices_resolve_as_libsession_resolves_them()
    {
        using var account = UserConfigVectors.Account();
        var first = Kallie(account);
        var firstPush = first.Push();
        first.ConfirmPushed(firstPush.Seqno, "fakehash1");
        var second = new UserProfileConfig(account);
        second.Merge([new ConfigIncoming("fakehash1", firstPush.Data)]);

        first.SetName("Nibbler");
        second.SetName("Raz");
        second.SetPicture(new GroupPicture("http://new.example.com/pic", UserConfigVectors.Bytes("conflict_pic_key")));
        second.SetNoteToSelfExpiry(86400);
        second.SetBlindedMessageRequests(false);
        second.SetBlindedMessageRequests(null);
        Assert.Null(second.BlindedMessageRequests);
        second.SetBlindedMessageRequests(true);

        var push2 = first.Push();
        var push3 = second.Push();
        Assert.Equal(2, push2.Seqno);
        Assert.Equal(2, push3.Seqno);
        Assert.NotEqual(push2.Data, push3.Data);
        second.ConfirmPushed(push3.Seqno, "fakehash3");
        first.ConfirmPushed(push2.Seqno, "fakehash2");

        Assert.Equal(["fakehash2"], second.Merge([new ConfigIncoming("fakehash2", push2.Data)]).AcceptedHashes);
        Assert.Equal(["fakehash3"], first.Merge([new ConfigIncoming("fakehash3", push3.Data)]).AcceptedHashes);
        Assert.Equal(3, first.Push().Seqno);
        Assert.Equal(3, second.Push().Seqno);
        foreach (var profile in new[] { first, second })
        {
            Assert.True(profile.NeedsPush);
            Assert.Equal("Nibbler", profile.Name); // the higher message hash wins, as in libsession's run
            Assert.Equal(new GroupPicture("http://new.example.com/pic", UserConfigVectors.Bytes("conflict_pic_key")), profile.Picture);
            Assert.Equal(9, profile.NoteToSelfPriority);
            Assert.Equal(86400, profile.NoteToSelfExpirySeconds);
            Assert.True(profile.BlindedMessageRequests);
        }
    }

    [Fact]
    public void Names_over_100_bytes_are_refused_or_truncated_on_a_character_boundary()
    {
        using var account = UserConfigVectors.Account();
        var profile = new UserProfileConfig(account);
        Assert.Throws<ArgumentException>(() => profile.SetName(new string('1', 101)));
        profile.SetNameTruncated(new string('1', 99) + "é");
        Assert.Equal(new string('1', 99), profile.Name);
    }

    [Fact]
    public void Another_accounts_push_is_rejected()
    {
        using var account = UserConfigVectors.Account();
        using var stranger = Wisp.Crypto.Keys.Ed25519KeyPair.Generate();
        var theirs = Kallie(stranger).Push();
        var mine = new UserProfileConfig(account);
        var result = mine.Merge([new ConfigIncoming("h", theirs.Data)]);
        Assert.Empty(result.AcceptedHashes);
        Assert.Single(result.Rejected);
        Assert.Null(mine.Name);
    }
}
