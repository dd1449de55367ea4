using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>Config encryption and padding against libsession-util's tests/test_encrypt.cpp.</summary>
public sealed class ConfigEncryptionTests
{
    private static byte[] Message => System.Text.Encoding.UTF8.GetBytes(ConfigVectors.EncryptionText("message_utf8"));

    [Fact]
    public void Encrypts_to_libsessions_bytes()
    {
        var key1 = ConfigVectors.EncryptionBytes("key1");
        var enc1 = ConfigEncryption.Encrypt(Message, key1, "test-suite1");
        Assert.Equal(ConfigVectors.EncryptionText("enc1_key1_test-suite1"), Convert.ToHexStringLower(enc1));

        var enc2 = ConfigEncryption.Encrypt(Message, key1, "test-suite2");
        Assert.Equal(ConfigVectors.EncryptionText("nonce_key1_test-suite2"), Convert.ToHexStringLower(enc2[^24..]));
        // The nonce depends on the plaintext and domain only, not the key.
        var enc3 = ConfigEncryption.Encrypt(Message, ConfigVectors.EncryptionBytes("key2"), "test-suite1");
        Assert.Equal(Convert.ToHexString(enc1[^24..]), Convert.ToHexString(enc3[^24..]));
        Assert.NotEqual(Convert.ToHexString(enc1), Convert.ToHexString(enc3));
    }

    [Fact]
    public void Decrypts_only_with_the_same_key_and_domain_and_untampered_bytes()
    {
        var key1 = ConfigVectors.EncryptionBytes("key1");
        var enc1 = Convert.FromHexString(ConfigVectors.EncryptionText("enc1_key1_test-suite1"));
        Assert.True(ConfigEncryption.TryDecrypt(enc1, key1, "test-suite1", out var plain));
        Assert.Equal(Message, plain);
        Assert.False(ConfigEncryption.TryDecrypt(enc1, key1, "test-suite2", out _));
        Assert.False(ConfigEncryption.TryDecrypt(enc1, ConfigVectors.EncryptionBytes("key2"), "test-suite1", out _));
        Assert.False(ConfigEncryption.TryDecrypt(enc1[..39], key1, "test-suite1", out _));
        enc1[3] = 0x42;
        Assert.False(ConfigEncryption.TryDecrypt(enc1, key1, "test-suite1", out _));
    }

    [Theory]
    [InlineData(1, 0, 256)]
    [InlineData(1, 10, 246)]
    [InlineData(246, 10, 246)]
    [InlineData(247, 10, 502)]
    [InlineData(247, 256, 256)]
    [InlineData(3839, 96, 4000)]
    [InlineData(3744, 96, 3744)]
    [InlineData(3745, 96, 4000)]
    [InlineData(4864, 0, 4864)]
    [InlineData(4865, 0, 5 * 1024)]
    [InlineData((5 * 1024) + 1, 0, 6 * 1024)]
    [InlineData(9 * 1024, 0, 9 * 1024)]
    [InlineData((9 * 1024) + 1, 0, 10 * 1024)]
    [InlineData((10 * 1024) + 1, 0, 11 * 1024)]
    [InlineData(20 * 1024, 0, 20 * 1024)]
    [InlineData((20 * 1024) + 1, 0, 22 * 1024)]
    [InlineData(38 * 1024, 0, 38 * 1024)]
    [InlineData((38 * 1024) + 1, 0, 40 * 1024)]
    [InlineData((40 * 1024) + 1, 0, 45 * 1024)]
    [InlineData((45 * 1024) + 1, 0, 50 * 1024)]
    [InlineData(70 * 1024, 0, 70 * 1024)]
    [InlineData((70 * 1024) + 1, 0, 75 * 1024)]
    [InlineData(75 * 1024, 0, 75 * 1024)]
    [InlineData((75 * 1024) - 24, 24, (75 * 1024) - 24)]
    public void Pads_to_libsessions_sizes(int size, int overhead, int padded) =>
        Assert.Equal(padded, ConfigEncryption.PaddedSize(size, overhead));

    [Fact]
    public void The_group_domains_are_libsessions() =>
        Assert.Equal(["groups::Info", "groups::Members"], [ConfigEncryption.Domain(GroupConfigKind.Info), ConfigEncryption.Domain(GroupConfigKind.Members)]);
}
