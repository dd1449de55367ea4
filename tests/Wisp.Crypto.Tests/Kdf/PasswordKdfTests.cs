using System.Text;
using Wisp.Crypto.Kdf;

namespace Wisp.Crypto.Tests.Kdf;

public class PasswordKdfTests
{
    private static readonly byte[] Salt = "0123456789abcdef"u8.ToArray();

    [Fact]
    public void MatchesArgon2ReferenceCliVectors()
    {
        var vectors = PublishedVectors.Load("argon2-cli/argon2id.json");
        var limits = new PasswordKdfLimits(vectors.GetProperty("ops").GetUInt64(), (nuint)vectors.GetProperty("memory_bytes").GetUInt64());
        var salt = Encoding.ASCII.GetBytes(vectors.Text("salt"));
        foreach (var vector in vectors.GetProperty("cases").EnumerateArray())
        {
            var key = new byte[PasswordKdf.KeyBytes];
            PasswordKdf.DeriveKey(vector.Text("password").AsSpan(), salt, limits, key);
            Assert.Equal(vector.Text("key"), Convert.ToHexStringLower(key));
        }
    }

    [Fact]
    public void MatchesLibsodiumArgon2idVectors()
    {
        foreach (var vector in PublishedVectors.Load("libsodium/argon2id.json").EnumerateArray())
        {
            var output = new byte[vector.GetProperty("output_bytes").GetInt32()];
            var limits = new PasswordKdfLimits(vector.GetProperty("ops").GetUInt64(), (nuint)vector.GetProperty("memory_bytes").GetUInt64());
            PasswordKdf.DeriveBytes(vector.Hex("password"), vector.Hex("salt"), limits, output);
            Assert.Equal(vector.Text("output"), Convert.ToHexStringLower(output));
        }
    }

    [Fact]
    public void SameInputsSameKeyDifferentSaltDifferentKey()
    {
        var a = Derive("correct horse", Salt);
        Assert.Equal(a, Derive("correct horse", Salt));
        Assert.NotEqual(a, Derive("correct horse", "fedcba9876543210"u8.ToArray()));
        Assert.NotEqual(a, Derive("correct horsf", Salt));
    }

    [Fact]
    public void MoreWorkGivesAnotherKey()
    {
        var fast = Derive("pass", Salt);
        var key = new byte[32];
        PasswordKdf.DeriveKey("pass".AsSpan(), Salt, new PasswordKdfLimits(2, 64 * 1024), key);
        Assert.NotEqual(fast, key);
    }

    [Fact]
    public void WrongLengthsNameTheParameter()
    {
        Assert.Equal("salt", Assert.Throws<ArgumentException>(() =>
            PasswordKdf.DeriveKey("p"u8, new byte[15], PasswordKdfLimits.Fast, new byte[32])).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() =>
            PasswordKdf.DeriveKey("p"u8, Salt, PasswordKdfLimits.Fast, new byte[16])).ParamName);
    }

    [Fact]
    public void LimitsBelowArgon2MinimumAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PasswordKdf.DeriveKey("p"u8, Salt, new PasswordKdfLimits(0, 64 * 1024), new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PasswordKdf.DeriveKey("p"u8, Salt, new PasswordKdfLimits(1, 1024), new byte[32]));
    }

    [Fact]
    public void ModerateIsLibsodiumsModerateProfile()
    {
        Assert.Equal(3UL, PasswordKdfLimits.Moderate.Operations);
        Assert.Equal((nuint)268_435_456, PasswordKdfLimits.Moderate.MemoryBytes);
    }

    private static byte[] Derive(string passphrase, byte[] salt)
    {
        var key = new byte[PasswordKdf.KeyBytes];
        PasswordKdf.DeriveKey(passphrase.AsSpan(), salt, PasswordKdfLimits.Fast, key);
        return key;
    }
}
