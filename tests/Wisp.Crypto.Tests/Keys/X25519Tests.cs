using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Keys;

public class X25519Tests
{
    [Fact]
    public void BothSidesAgreeOnTheSameSecret()
    {
        using var alice = X25519KeyPair.Generate();
        using var bob = X25519KeyPair.Generate();
        Assert.True(X25519.TryAgree(alice, bob.PublicKey, out var ab));
        Assert.True(X25519.TryAgree(bob, alice.PublicKey, out var ba));
        using (ab)
        using (ba)
        {
            Assert.Equal(ab.Span.ToArray(), ba.Span.ToArray());
            Assert.NotEqual(new byte[32], ab.Span.ToArray());
        }
    }

    [Fact]
    public void Ed25519KeyPairAgreesThroughItsX25519Twin()
    {
        using var account = Ed25519KeyPair.Generate();
        using var other = X25519KeyPair.Generate();
        Assert.True(X25519.TryAgree(account, other.PublicKey, out var fromAccount));
        Assert.True(X25519.TryAgree(other, account.X25519PublicKey, out var fromOther));
        Assert.Equal(fromAccount.Span.ToArray(), fromOther.Span.ToArray());
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    public void LowOrderPublicKeyFailsAgreement(string lowOrderPoint)
    {
        using var ours = X25519KeyPair.Generate();
        Assert.False(X25519.TryAgree(ours, X25519PublicKey.FromHex(lowOrderPoint), out var secret));
        Assert.Null(secret);
    }

    [Fact]
    public void FromSecretDerivesThePublicKey()
    {
        var onion = PublishedVectors.Load("libsession-util/onionreq.json");
        using var node = X25519KeyPair.FromSecret(onion.Hex("node_secret_key"));
        Assert.Equal(onion.Text("node_public_key"), node.PublicKey.ToHex());
    }

    [Fact]
    public void FromSecretRejectsWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => X25519KeyPair.FromSecret(new byte[31]));
        Assert.Equal("secretKey", error.ParamName);
    }

    [Fact]
    public void SecretsAreNotPrintableAndUnusableAfterDispose()
    {
        var keys = X25519KeyPair.FromSecret(Convert.FromHexString("8fcd8ad3a15c76f76f1c56dff0c529999f8c59b4acda79e05666e54d5727dca1"));
        Assert.DoesNotContain("8fcd8ad3", keys.ToString());
        Assert.True(X25519.TryAgree(keys, X25519KeyPair.Generate().PublicKey, out var secret));
        Assert.DoesNotContain(Convert.ToHexStringLower(secret.Span), secret.ToString());

        secret.Dispose();
        keys.Dispose();
        Assert.Throws<ObjectDisposedException>(() => secret.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => keys.SecretKey.Length);
    }
}
