using Wisp.Crypto.Aead;
using Wisp.Crypto.Groups;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The per-member key wrap of keys messages, against libsession's multi-recipient vectors.</summary>
public sealed class GroupMultiEncryptTests
{
    private const string File = "multi_encrypt.txt";

    private static (Ed25519KeyPair[] Keys, byte[] Nonce, byte[] Domain) Setup()
    {
        var seeds = GroupVectors.Lines(File).Where(l => l.Name == "seed").Select(l => l.Value.Split(' ')).ToList();
        var keys = seeds.Select(s => GroupVectors.Key(s[0])).ToArray();
        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(seeds[i][1], keys[i].X25519PublicKey.ToHex());
        return (keys, Convert.FromHexString(GroupVectors.Value(File, "nonce")), System.Text.Encoding.ASCII.GetBytes(GroupVectors.Value(File, "domain")));
    }

    [Theory]
    [InlineData("single")]
    [InlineData("each")]
    public void Sender_wraps_for_each_recipient_byte_for_byte(string line)
    {
        var (keys, nonce, domain) = Setup();
        var parts = GroupVectors.Value(File, line).Split(' ');
        var messages = parts[0].Split(',');
        Span<byte> key = stackalloc byte[MultiRecipientKey.KeyBytes];
        for (var r = 1; r <= 3; r++)
        {
            var message = System.Text.Encoding.ASCII.GetBytes(messages.Length == 1 ? messages[0] : messages[r - 1]);
            Assert.True(MultiRecipientKey.TryForRecipient(keys[0], keys[r].X25519PublicKey, domain, key));
            Assert.Equal(parts[r], Convert.ToHexStringLower(XChaCha20Poly1305.Encrypt(key, nonce, message, default)));
        }
    }

    [Fact]
    public void Recipients_open_their_copy_and_others_or_another_domain_do_not()
    {
        var (keys, nonce, domain) = Setup();
        var ciphertexts = GroupVectors.Value(File, "single").Split(' ').Skip(1).Select(Convert.FromHexString).ToList();
        var key = new byte[MultiRecipientKey.KeyBytes];
        var plain = new byte[5];

        Assert.True(MultiRecipientKey.TryFromSender(keys[2], keys[0].X25519PublicKey, domain, key));
        Assert.True(XChaCha20Poly1305.Decrypt(key, nonce, ciphertexts[1], default, plain));
        Assert.Equal("hello"u8.ToArray(), plain);

        Assert.True(MultiRecipientKey.TryFromSender(keys[4], keys[0].X25519PublicKey, domain, key));
        Assert.All(ciphertexts, c => Assert.False(XChaCha20Poly1305.Decrypt(key, nonce, c, default, plain)));
        Assert.True(MultiRecipientKey.TryFromSender(keys[3], keys[0].X25519PublicKey, "not test suite"u8, key));
        Assert.All(ciphertexts, c => Assert.False(XChaCha20Poly1305.Decrypt(key, nonce, c, default, plain)));
    }
}
