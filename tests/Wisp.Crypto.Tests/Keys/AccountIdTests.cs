using System.Text.Json;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Keys;

public class AccountIdTests
{
    private const string Vector = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

    public static TheoryData<string, string, string, string> LibsessionAccounts()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var account in PublishedVectors.Load("libsession-util/session_encrypt.json").GetProperty("accounts").EnumerateArray())
            data.Add(account.Text("seed"), account.Text("ed25519_public_key"), account.Text("x25519_public_key"), account.Text("account_id"));
        return data;
    }

    [Theory]
    [MemberData(nameof(LibsessionAccounts))]
    public void SeedGivesLibsessionKeysAndAccountId(string seed, string ed25519, string x25519, string accountId)
    {
        using var keys = Ed25519KeyPair.FromSeed(Convert.FromHexString(seed));
        Assert.Equal(ed25519, keys.PublicKey.ToHex());
        Assert.Equal(x25519, keys.X25519PublicKey.ToHex());
        Assert.Equal(accountId, keys.AccountId.ToString());
        Assert.Equal(Convert.FromHexString(accountId), keys.AccountId.Bytes.ToArray());
        Assert.Equal(keys.X25519PublicKey, keys.AccountId.X25519PublicKey);
    }

    [Fact]
    public void ParseRoundTripsAndAcceptsUppercase()
    {
        var id = AccountId.Parse(Vector);
        Assert.Equal(Vector, id.ToString());
        Assert.Equal(33, id.Bytes.Length);
        Assert.Equal(id, AccountId.Parse(Vector.ToUpperInvariant()));
        Assert.Equal(Vector, AccountId.FromX25519(id.X25519PublicKey).Hex);
    }

    [Theory]
    [InlineData("05d2ad", "66 hex characters; got 6")]
    [InlineData("", "66 hex characters; got 0")]
    [InlineData(Vector + "00", "66 hex characters; got 68")]
    [InlineData("15d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "starts with 05; this one starts with 15")]
    [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7g", "character 66 is 'g'")]
    [InlineData("05 2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "character 3 is ' '")]
    public void InvalidTextSaysWhatIsWrong(string text, string expected)
    {
        Assert.False(AccountId.TryParse(text, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(expected, error);
        Assert.Contains(expected, Assert.Throws<FormatException>(() => AccountId.Parse(text)).Message);
    }

    [Fact]
    public void NullIsRejected()
    {
        Assert.False(AccountId.TryParse(null, out _, out var error));
        Assert.Contains("required", error);
    }

    [Fact]
    public void EqualityIsByValue()
    {
        var a = AccountId.Parse(Vector);
        var b = AccountId.Parse(Vector);
        var other = AccountId.Parse("05aa654f00fc39fc69fd0db829410ca38177d7732a8d2f0934ab3872ac56d5aa74");
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != other);
        Assert.False(a.Equals(other));
        Assert.False(a.Equals(null));
    }
}
