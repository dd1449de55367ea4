using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Wisp.Crypto.Kem;

namespace Wisp.Crypto.Tests.Kem;

public class MlKem768Tests
{
    private static readonly byte[] Seed = Convert.FromHexString(
        "deadbeefcafebabe0123456789abcdef0123456789abcdef0123456789abcdef" +
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");

    [Fact]
    public void SeedGivesTheSamePublicKeyAsBouncyCastle()
    {
        using var ours = MlKem768KeyPair.FromSeed(Seed);
        var theirs = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, Seed);

        Assert.Equal(theirs.GetPublicKeyEncoded(), ours.PublicKey.ToArray());
        Assert.Equal(MlKem768.PublicKeyBytes, ours.PublicKey.Length);
    }

    [Fact]
    public void BouncyCastleCiphertextDecapsulatesWithOurs()
    {
        using var ours = MlKem768KeyPair.FromSeed(Seed);
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(
            MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, ours.PublicKey.ToArray()), new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var theirSecret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, 0, ciphertext.Length, theirSecret, 0, theirSecret.Length);

        var ourSecret = new byte[MlKem768.SharedSecretBytes];
        ours.Decapsulate(ciphertext, ourSecret);

        Assert.Equal(theirSecret, ourSecret);
    }

    [Fact]
    public void OurCiphertextDecapsulatesWithBouncyCastle()
    {
        using var ours = MlKem768KeyPair.FromSeed(Seed);
        var ciphertext = new byte[MlKem768.CiphertextBytes];
        var ourSecret = new byte[MlKem768.SharedSecretBytes];
        MlKem768.Encapsulate(ours.PublicKey, ciphertext, ourSecret);

        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, Seed));
        var theirSecret = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, 0, ciphertext.Length, theirSecret, 0, theirSecret.Length);

        Assert.Equal(theirSecret, ourSecret);
    }

    [Fact]
    public void DeterministicEncapsulationRepeatsForTheSameCoinsOnly()
    {
        using var keys = MlKem768KeyPair.FromSeed(Seed);
        var coins = new byte[MlKem768.EncapsulationSeedBytes];
        var (ct1, ss1) = Encapsulate(keys.PublicKey, coins);
        var (ct2, ss2) = Encapsulate(keys.PublicKey, coins);
        coins[0] = 1;
        var (ct3, _) = Encapsulate(keys.PublicKey, coins);

        Assert.Equal(ct1, ct2);
        Assert.Equal(ss1, ss2);
        Assert.NotEqual(ct1, ct3);
        var recovered = new byte[MlKem768.SharedSecretBytes];
        keys.Decapsulate(ct1, recovered);
        Assert.Equal(ss1, recovered);
    }

    [Fact]
    public void AnotherKeysCiphertextGivesAnUnrelatedSecret()
    {
        using var keys = MlKem768KeyPair.FromSeed(Seed);
        using var other = MlKem768KeyPair.Generate();
        var (ct, ss) = Encapsulate(other.PublicKey, new byte[MlKem768.EncapsulationSeedBytes]);

        var recovered = new byte[MlKem768.SharedSecretBytes];
        keys.Decapsulate(ct, recovered);

        Assert.NotEqual(ss, recovered);
    }

    [Fact]
    public void WrongLengthsAreRefused()
    {
        using var keys = MlKem768KeyPair.Generate();
        Assert.Throws<ArgumentException>(() => MlKem768KeyPair.FromSeed(new byte[32]));
        Assert.Throws<ArgumentException>(() => MlKem768.Encapsulate(new byte[1183], new byte[MlKem768.CiphertextBytes], new byte[32]));
        Assert.Throws<ArgumentException>(() => keys.Decapsulate(new byte[1087], new byte[32]));
        Assert.False(MlKem768.IsValidPublicKey(new byte[100]));
        Assert.True(MlKem768.IsValidPublicKey(keys.PublicKey));
        // Coefficients must be below q = 3329; an all-0xFF key fails FIPS 203's modulus check.
        Assert.False(MlKem768.IsValidPublicKey(Enumerable.Repeat((byte)0xFF, MlKem768.PublicKeyBytes).ToArray()));
    }

    [Fact]
    public void DisposedKeyPairRefusesToDecapsulate()
    {
        var keys = MlKem768KeyPair.Generate();
        keys.Dispose();
        Assert.Throws<ObjectDisposedException>(() => keys.Decapsulate(new byte[MlKem768.CiphertextBytes], new byte[32]));
    }

    private static (byte[] Ciphertext, byte[] Secret) Encapsulate(ReadOnlySpan<byte> publicKey, byte[] coins)
    {
        var ct = new byte[MlKem768.CiphertextBytes];
        var ss = new byte[MlKem768.SharedSecretBytes];
        MlKem768.EncapsulateDeterministic(publicKey, coins, ct, ss);
        return (ct, ss);
    }
}
