using CsCheck;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using static Wisp.Crypto.Tests.Blinding.BlindingVectors;

namespace Wisp.Crypto.Tests.Blinding;

public class Blind15Tests
{
    [Fact]
    public void IdsFromSessionIdsMatchLibsession()
    {
        foreach (var row in Libsession.GetProperty("blind15_ids").EnumerateArray())
        {
            Assert.True(Blind15.TryGetPossibleIds(SessionId(Text(row, "key")), Server(row), out var positive, out var negative));
            Assert.Equal(Text(row, "id"), positive.Hex);
            Assert.Equal(positive.Hex[..64], negative.Hex[..64]);
            Assert.Equal(0x80, positive.Bytes[^1] ^ negative.Bytes[^1]);
        }
    }

    [Fact]
    public void SignaturesMatchLibsessionAndVerifyUnderTheRightSign()
    {
        foreach (var row in Libsession.GetProperty("blind15_signatures").EnumerateArray())
        {
            using var account = Account(Text(row, "key"));
            var message = Message(row);
            var signature = Blind15.Sign(account, Server(row), message);
            Assert.Equal(Text(row, "signature"), Convert.ToHexStringLower(signature));

            // seed2's Ed25519 key has its sign bit set, so its blinded key is the "negative" ID.
            Assert.True(Blind15.TryGetPossibleIds(SessionId(Text(row, "key")), Server(row), out var positive, out var negative));
            var expected = (account.PublicKey.Span[^1] & 0x80) == 0 ? positive : negative;
            using var keyPair = Blind15.CreateKeyPair(account, Server(row));
            Assert.Equal(expected, keyPair.Id);
            Assert.True(Ed25519.Verify(expected.PublicKey, message, signature));
        }
    }

    [Fact]
    public void MatchesSessionPysogs()
    {
        var server = X25519PublicKey.FromHex(Pysogs.GetProperty("server_pk").GetString()!);
        foreach (var row in Pysogs.GetProperty("cases").EnumerateArray())
        {
            using var account = Ed25519KeyPair.FromSeed(Convert.FromHexString(Text(row, "seed")));
            using var keyPair = Blind15.CreateKeyPair(account, server);
            Assert.Equal(Text(row, "blinded15_id"), keyPair.Id.Hex);
            Assert.True(Blind15.TryGetPossibleIds(account.AccountId, server, out var positive, out var negative));
            Assert.Contains(keyPair.Id, new[] { positive, negative });
        }
    }

    [Fact]
    public void KeyPairIsOneOfThePossibleIdsAndSignsVerifiably()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample(t =>
        {
            var (seed, serverSeed) = t;
            using var account = Ed25519KeyPair.FromSeed(seed);
            using var server = Ed25519KeyPair.FromSeed(serverSeed);
            using var keyPair = Blind15.CreateKeyPair(account, server.X25519PublicKey);
            Assert.True(Blind15.TryGetPossibleIds(account.AccountId, server.X25519PublicKey, out var positive, out var negative));
            Assert.Equal((account.PublicKey.Span[^1] & 0x80) == 0 ? positive : negative, keyPair.Id);

            var signature = keyPair.Sign("community post"u8);
            Assert.True(Ed25519.Verify(keyPair.PublicKey, "community post"u8, signature));
            Assert.False(Ed25519.Verify(keyPair.PublicKey, "community posT"u8, signature));
        }, iter: 64);
    }

    [Fact]
    public void AnAccountIdThatIsNoUsablePointHasNoIds()
    {
        var account = AccountId.Parse("05" + new string('0', 64));
        var server = X25519PublicKey.FromHex(Pysogs.GetProperty("server_pk").GetString()!);
        Assert.False(Blind15.TryGetPossibleIds(account, server, out var positive, out var negative));
        Assert.Null(positive);
        Assert.Null(negative);
    }
}
