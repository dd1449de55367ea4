using Wisp.Crypto.Hashing;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Kem;

public unsafe class SessionV2KemTests
{
    [Fact]
    public void CombinerEqualsLibsodiumXWing()
    {
        // X-Wing expands a 32-byte seed with SHAKE256 into ML-KEM d ‖ z and an X25519 secret, and its shared secret
        // is SHA3-256(ssM ‖ ssX ‖ ctX ‖ pkX ‖ label): the formula Session's v2 computes by hand.
        Sodium.EnsureInitialized();
        Assert.Equal(32u, (uint)Sodium.crypto_kem_xwing_seedbytes());
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var pk = new byte[(int)Sodium.crypto_kem_xwing_publickeybytes()];
        var sk = new byte[(int)Sodium.crypto_kem_xwing_secretkeybytes()];
        var ct = new byte[(int)Sodium.crypto_kem_xwing_ciphertextbytes()];
        var expected = new byte[32];
        fixed (byte* p = pk, s = sk, sd = seed, c = ct, ss = expected)
        {
            Assert.Equal(0, Sodium.crypto_kem_xwing_seed_keypair(p, s, sd));
            Assert.Equal(0, Sodium.crypto_kem_xwing_enc(c, ss, p));
        }

        var expanded = Shake256Hash.Hash(seed, 96);
        using var mlKem = MlKem768KeyPair.FromSeed(expanded.AsSpan(0, 64));
        using var x25519 = X25519KeyPair.FromSecret(expanded.AsSpan(64, 32));
        Assert.Equal(mlKem.PublicKey.ToArray(), pk[..MlKem768.PublicKeyBytes]);
        Assert.Equal(x25519.PublicKey.Span.ToArray(), pk[MlKem768.PublicKeyBytes..]);

        var ssM = new byte[32];
        mlKem.Decapsulate(ct.AsSpan(0, MlKem768.CiphertextBytes), ssM);
        var ctX = ct[MlKem768.CiphertextBytes..];
        var ssX = new byte[32];
        fixed (byte* q = ssX, n = expanded.AsSpan(64, 32), e = ctX)
            Assert.Equal(0, Sodium.crypto_scalarmult(q, n, e));
        var ours = new byte[32];
        SessionV2Kem.XWingSecret(ssM, ssX, ctX, x25519.PublicKey.Span, ours);

        Assert.Equal(expected, ours);
    }

    [Fact]
    public void RecipientRecoversKeyIndicatorKeyAndNonce()
    {
        using var recipient = Ed25519KeyPair.Generate();
        using var accountX = X25519KeyPair.Generate();
        using var accountM = MlKem768KeyPair.Generate();
        var header = new byte[SessionV2Kem.HeaderBytes];
        var key = new byte[32];
        var nonce = new byte[24];
        SessionV2Kem.Encapsulate(recipient.X25519PublicKey, accountM.PublicKey, accountX.PublicKey, header, key, nonce);

        var indicator = new byte[2];
        SessionV2Kem.KeyIndicator(recipient, header, indicator);
        var key2 = new byte[32];
        var nonce2 = new byte[24];
        Assert.True(SessionV2Kem.TryDecapsulate(accountX, accountM, header, key2, nonce2));

        Assert.Equal(accountM.PublicKey[..2].ToArray(), indicator);
        Assert.Equal(key, key2);
        Assert.Equal(nonce, nonce2);
        // The indicator on the wire is masked: it is not M[0:2] itself (true for all but 1 in 65,536 messages).
        Assert.False(header.AsSpan(0, 2).SequenceEqual(indicator) && header.AsSpan(2, 2).SequenceEqual(indicator));
    }

    [Fact]
    public void NonForwardSecretFormUsesTheLongTermKey()
    {
        using var recipient = Ed25519KeyPair.Generate();
        using var stranger = Ed25519KeyPair.Generate();
        var header = new byte[SessionV2Kem.HeaderBytes];
        var key = new byte[32];
        var nonce = new byte[24];
        SessionV2Kem.EncapsulateNonPfs(recipient.X25519PublicKey, header, key, nonce);

        var key2 = new byte[32];
        var nonce2 = new byte[24];
        Assert.True(SessionV2Kem.TryDecapsulateNonPfs(recipient, header, key2, nonce2));
        Assert.Equal(key, key2);
        Assert.Equal(nonce, nonce2);
        Assert.True(SessionV2Kem.TryDecapsulateNonPfs(stranger, header, key2, nonce2));
        Assert.NotEqual(key, key2);
    }
}
