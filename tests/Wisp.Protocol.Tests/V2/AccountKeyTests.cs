using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.V2;

namespace Wisp.Protocol.Tests.V2;

public class AccountKeyTests
{
    [Fact]
    public void SeedExpandsToTheReferenceKeys()
    {
        var vector = V2Vectors.Root.GetProperty("account_key");
        using var key = AccountKey.FromSeed(vector.Hex("seed"));

        Assert.Equal(vector.Hex("x25519_public"), key.X25519.PublicKey.Span.ToArray());
        Assert.Equal(vector.Hex("mlkem768_public"), key.MlKem.PublicKey.ToArray());
    }

    [Fact]
    public void MlKemSeedsGiveThePythonReferenceKeys()
    {
        // The reference's ML-KEM is the `cryptography` package's (OpenSSL/AWS-LC), a third implementation.
        foreach (var vector in V2Vectors.Root.GetProperty("mlkem_seed_keys").EnumerateArray())
        {
            using var keys = Wisp.Crypto.Kem.MlKem768KeyPair.FromSeed(vector.Hex("seed"));
            Assert.Equal(vector.Hex("public"), keys.PublicKey.ToArray());
        }
    }

    [Fact]
    public void ReferenceBundleDecodesForItsOwnerOnly()
    {
        var vector = V2Vectors.Root.GetProperty("bundle");
        var owner = AccountId.Parse(vector.GetProperty("owner_account_id").GetString()!);
        using var key = AccountKey.FromSeed(V2Vectors.Root.GetProperty("account_key").Hex("seed"));
        using var someoneElse = Ed25519KeyPair.Generate();

        var decoded = AccountKeyBundle.Decode(vector.Hex("record"), owner);
        var wrongOwner = AccountKeyBundle.Decode(vector.Hex("record"), someoneElse.AccountId);

        Assert.True(decoded.Ok, decoded.Describe());
        Assert.True(decoded.Bundle.SameKeys(key.ToBundle()));
        Assert.Equal(AccountKeyBundleError.BadSignature, wrongOwner.Error);
    }

    [Fact]
    public void BundleOfAnAccountWithANegativeKeyRoundTrips()
    {
        using var account = Ed25519KeyPair.FromSeed(Convert.FromHexString("0123456789abcdef0123456789abcdef00000000000000000000000000000000"));
        Assert.NotEqual(0, account.PublicKey.Span[^1] & 0x80);
        using var key = AccountKey.Generate();

        var record = key.ToBundle().EncodeSigned(account);
        var decoded = AccountKeyBundle.Decode(record, account.AccountId);

        Assert.True(decoded.Ok, decoded.Describe());
        Assert.True(decoded.Bundle.SameKeys(key.ToBundle()));
        Assert.Equal(2 + 3 + 5 + 1184 + 3 + 3 + 32 + 3 + 3 + 64, record.Length); // libsession sizes its buffer the same way
    }

    [Fact]
    public void UnknownKeysAreIgnoredButSigned()
    {
        using var account = Ed25519KeyPair.Generate();
        using var key = AccountKey.Generate();
        var bundle = key.ToBundle();
        var body = System.Text.Encoding.ASCII.GetBytes("d1:M1184:").Concat(bundle.MlKemPublicKey.ToArray())
            .Concat(System.Text.Encoding.ASCII.GetBytes("1:N3:new1:X32:")).Concat(bundle.X25519.Span.ToArray()).ToArray();
        var signature = PositiveEd25519.Sign(account, body);
        var record = body.Concat(System.Text.Encoding.ASCII.GetBytes("1:~64:")).Concat(signature).Append((byte)'e').ToArray();
        var altered = (byte[])record.Clone();
        altered[Array.IndexOf(altered, (byte)'n', 1190)] = (byte)'N';

        Assert.True(AccountKeyBundle.Decode(record, account.AccountId).Ok);
        Assert.Equal(AccountKeyBundleError.BadSignature, AccountKeyBundle.Decode(altered, account.AccountId).Error);
    }

    [Fact]
    public void MalformedRecordsAreRefusedWithTheirReason()
    {
        using var account = Ed25519KeyPair.Generate();
        Assert.Equal(AccountKeyBundleError.Malformed, AccountKeyBundle.Decode("not bencode"u8.ToArray(), account.AccountId).Error);
        Assert.Equal(AccountKeyBundleError.Malformed, AccountKeyBundle.Decode("li1ee"u8.ToArray(), account.AccountId).Error);
        Assert.Equal(AccountKeyBundleError.MissingField, AccountKeyBundle.Decode("d1:X3:abce"u8.ToArray(), account.AccountId).Error);
        Assert.Equal(AccountKeyBundleError.BadLength,
            AccountKeyBundle.Decode("d1:M1:a1:X1:b1:~1:ce"u8.ToArray(), account.AccountId).Error);
    }

    [Fact]
    public void DisposedKeyHidesItsSeed()
    {
        var key = AccountKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Seed.ToArray());
    }
}
