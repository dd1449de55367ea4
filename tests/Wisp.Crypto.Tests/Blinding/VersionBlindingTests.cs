using Wisp.Crypto.Blinding;
using Wisp.Crypto.Signing;
using static Wisp.Crypto.Tests.Blinding.BlindingVectors;

namespace Wisp.Crypto.Tests.Blinding;

public class VersionBlindingTests
{
    private static readonly System.Text.Json.JsonElement s_vector = Libsession.GetProperty("version_blinding");

    [Fact]
    public void KeyPairMatchesLibsession()
    {
        using var account = Account(Text(s_vector, "key"));
        using var versionKey = VersionBlinding.CreateKeyPair(account);
        Assert.Equal(Text(s_vector, "public_key"), versionKey.PublicKey.ToHex());
        Assert.Equal(Text(s_vector, "secret_key")[..64], Convert.ToHexStringLower(versionKey.Seed));
        Assert.Equal("07" + Text(s_vector, "public_key"), VersionBlinding.HeaderKey(versionKey));
    }

    [Fact]
    public void SignatureMatchesLibsession()
    {
        var sign = s_vector.GetProperty("sign");
        using var account = Account(Text(s_vector, "key"));
        using var versionKey = VersionBlinding.CreateKeyPair(account);
        var signature = VersionBlinding.SignRequest(
            versionKey, sign.GetProperty("timestamp").GetInt64(), Text(sign, "method"), Text(sign, "path"));
        Assert.Equal(Text(sign, "signature"), Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void BodyIsSignedAfterThePath()
    {
        using var account = Account(Text(s_vector, "key"));
        using var versionKey = VersionBlinding.CreateKeyPair(account);
        var body = "some body (once told me)"u8.ToArray();
        var signature = VersionBlinding.SignRequest(versionKey, 1234567890, "GET", "/path/to/somewhere", body);
        Assert.True(Ed25519.Verify(versionKey.PublicKey, "1234567890GET/path/to/somewheresome body (once told me)"u8, signature));
        Assert.False(Ed25519.Verify(versionKey.PublicKey, "1234567890GET/path/to/somewhere"u8, signature));
    }
}
