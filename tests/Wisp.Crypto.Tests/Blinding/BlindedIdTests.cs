using CsCheck;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using static Wisp.Crypto.Tests.Blinding.BlindingVectors;

namespace Wisp.Crypto.Tests.Blinding;

public class BlindedIdTests
{
    [Fact]
    public void EveryLibsessionIdIsTheBlindingOfItsSessionId()
    {
        // libsession-util's "Communities session id blinded id matching" pairs the same IDs as these rows.
        foreach (var kind in new[] { "blind15_ids", "blind25_ids" })
        {
            foreach (var row in Libsession.GetProperty(kind).EnumerateArray())
            {
                var id = BlindedId.Parse(Text(row, "id"));
                Assert.True(id.IsBlindingOf(SessionId(Text(row, "key")), Server(row)));
            }
        }
    }

    [Fact]
    public void BothSignsOfA15IdMatchButNotAnotherServerOrAccount()
    {
        var row = Libsession.GetProperty("blind15_ids")[0];
        var account = SessionId(Text(row, "key"));
        Assert.True(Blind15.TryGetPossibleIds(account, Server(row), out var positive, out var negative));
        Assert.True(positive.IsBlindingOf(account, Server(row)));
        Assert.True(negative.IsBlindingOf(account, Server(row)));

        var otherServer = X25519PublicKey.FromHex("00cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
        Assert.False(positive.IsBlindingOf(account, otherServer));
        Assert.False(positive.IsBlindingOf(SessionId("seed2"), Server(row)));
    }

    [Fact]
    public void A25IdDoesNotMatchItsSignFlippedTwin()
    {
        var row = Libsession.GetProperty("blind25_ids")[0];
        var id = BlindedId.Parse(Text(row, "id"));
        var flipped = id.Bytes.ToArray();
        flipped[^1] ^= 0x80;
        Assert.False(BlindedId.Parse(Convert.ToHexStringLower(flipped)).IsBlindingOf(SessionId(Text(row, "key")), Server(row)));
    }

    [Fact]
    public void ParsesEitherCaseAndPrintsLowercase()
    {
        var hex = "15b74ed205f1f931e1bb1291183778a9456b835937d923b0f2e248aa3a44c07844";
        var id = BlindedId.Parse(hex.ToUpperInvariant());
        Assert.Equal(hex, id.ToString());
        Assert.Equal(BlindedId.Blind15Prefix, id.Prefix);
        Assert.Equal(hex[2..], id.PublicKey.ToHex());
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("15b74e", "66 hex characters; got 6")]
    [InlineData("15b74ed205f1f931e1bb1291183778a9456b835937d923b0f2e248aa3a44c0784g", "character 66 is 'g'")]
    [InlineData("05b74ed205f1f931e1bb1291183778a9456b835937d923b0f2e248aa3a44c07844", "starts with 15 or 25; this one starts with 05")]
    public void RejectsMalformedIds(string? text, string expected)
    {
        Assert.False(BlindedId.TryParse(text, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(expected, error);
        if (text is not null)
            Assert.Contains(expected, Assert.Throws<FormatException>(() => BlindedId.Parse(text)).Message);
    }

    [Fact]
    public void KeyPairNeverPrintsSecretsAndRefusesToSignAfterDispose()
    {
        using var account = Ed25519KeyPair.Generate();
        using var server = Ed25519KeyPair.Generate();
        var keyPair = Blind25.CreateKeyPair(account, server.X25519PublicKey);
        Assert.Equal($"BlindedKeyPair({keyPair.Id.Hex})", keyPair.ToString());
        Assert.Equal("signature", Assert.Throws<ArgumentException>(() => keyPair.Sign("m"u8, new byte[63])).ParamName);
        keyPair.Dispose();
        Assert.Throws<ObjectDisposedException>(() => keyPair.Sign("m"u8));
    }

    [Fact]
    public void MontgomeryToEdwardsGivesTheAccountKeyWithItsSignCleared()
    {
        Gen.Byte.Array[32].Sample(seed =>
        {
            using var account = Ed25519KeyPair.FromSeed(seed);
            var edwards = new byte[32];
            MontgomeryToEdwards.Convert(account.X25519PublicKey.Span, edwards);
            var expected = account.PublicKey.Span.ToArray();
            expected[^1] &= 0x7F;
            Assert.Equal(expected, edwards);
        }, iter: 200);
    }
}
