using CsCheck;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using static Wisp.Crypto.Tests.Blinding.BlindingVectors;

namespace Wisp.Crypto.Tests.Blinding;

public class Blind25Tests
{
    [Fact]
    public void IdsFromSessionIdsMatchLibsession()
    {
        foreach (var row in Libsession.GetProperty("blind25_ids").EnumerateArray())
        {
            Assert.True(Blind25.TryGetId(SessionId(Text(row, "key")), Server(row), out var id));
            Assert.Equal(Text(row, "id"), id.Hex);
        }
    }

    [Fact]
    public void KeyPairsHaveTheLibsessionIds()
    {
        foreach (var row in Libsession.GetProperty("blind25_ids").EnumerateArray())
        {
            using var account = Account(Text(row, "key"));
            using var keyPair = Blind25.CreateKeyPair(account, Server(row));
            Assert.Equal(Text(row, "id"), keyPair.Id.Hex);
        }
    }

    [Fact]
    public void SignaturesMatchLibsessionAndVerifyUnderTheBlindedId()
    {
        foreach (var row in Libsession.GetProperty("blind25_signatures").EnumerateArray())
        {
            using var account = Account(Text(row, "key"));
            var message = Message(row);
            var signature = Blind25.Sign(account, Server(row), message);
            Assert.Equal(Text(row, "signature"), Convert.ToHexStringLower(signature));

            Assert.True(Blind25.TryGetId(SessionId(Text(row, "key")), Server(row), out var id));
            Assert.True(Ed25519.Verify(id.PublicKey, message, signature));
        }
    }

    [Fact]
    public void MatchesSessionPysogs()
    {
        var server = X25519PublicKey.FromHex(Pysogs.GetProperty("server_pk").GetString()!);
        foreach (var row in Pysogs.GetProperty("cases").EnumerateArray())
        {
            using var account = Ed25519KeyPair.FromSeed(Convert.FromHexString(Text(row, "seed")));
            using var keyPair = Blind25.CreateKeyPair(account, server);
            Assert.Equal(Text(row, "blinded25_id"), keyPair.Id.Hex);
            Assert.True(Blind25.TryGetId(account.AccountId, server, out var id));
            Assert.Equal(Text(row, "blinded25_id"), id.Hex);
        }
    }

    [Fact]
    public void KeyPairAgreesWithTheIdOfItsAccountAndSignsVerifiably()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample(t =>
        {
            var (seed, serverSeed) = t;
            using var account = Ed25519KeyPair.FromSeed(seed);
            using var server = Ed25519KeyPair.FromSeed(serverSeed);
            using var keyPair = Blind25.CreateKeyPair(account, server.X25519PublicKey);
            Assert.True(Blind25.TryGetId(account.AccountId, server.X25519PublicKey, out var id));
            Assert.Equal(id, keyPair.Id);

            var signature = keyPair.Sign("community post"u8);
            Assert.True(Ed25519.Verify(keyPair.PublicKey, "community post"u8, signature));
            Assert.False(Ed25519.Verify(keyPair.PublicKey, "community posT"u8, signature));
        }, iter: 64);
    }

    [Fact]
    public void AnAccountIdThatIsNoUsablePointHasNoId()
    {
        // u = 0 maps to the Edwards point (0, −1), which has order 2.
        var account = AccountId.Parse("05" + new string('0', 64));
        var server = X25519PublicKey.FromHex(Pysogs.GetProperty("server_pk").GetString()!);
        Assert.False(Blind25.TryGetId(account, server, out var id));
        Assert.Null(id);
    }
}
