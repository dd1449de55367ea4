using System.Text;
using CsCheck;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Crypto.Signing;

namespace Wisp.Crypto.Tests.Sealing;

public class SessionSealerTests
{
    private static readonly System.Text.Json.JsonElement Deterministic =
        PublishedVectors.Load("libsession-util/session_encrypt.json").GetProperty("deterministic");

    private static Ed25519KeyPair Sender() => Ed25519KeyPair.FromSeed(Deterministic.Hex("sender_seed"));

    private static Ed25519KeyPair Recipient() =>
        Ed25519KeyPair.FromSeed(Convert.FromHexString("00112233445566778899aabbccddeeff00000000000000000000000000000000"));

    private static byte[] VectorCiphertext => Deterministic.Hex("ciphertext");

    [Fact]
    public void DeterministicSealMatchesLibsessionByteForByte()
    {
        using var sender = Sender();
        var recipient = AccountId.Parse(Deterministic.Text("recipient_account_id")).X25519PublicKey;

        var sealedBytes = SessionSealer.SealDeterministic(sender, recipient, Encoding.ASCII.GetBytes(Deterministic.Text("plaintext")));

        Assert.Equal(Deterministic.Text("ciphertext"), Convert.ToHexStringLower(sealedBytes));
    }

    [Fact]
    public void LibsessionVectorOpensWithSenderIdentity()
    {
        using var sender = Sender();
        using var recipient = Recipient();

        var result = SessionSealer.Open(recipient, VectorCiphertext);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("hello", Encoding.ASCII.GetString(result.Plaintext));
        Assert.Equal(sender.PublicKey, result.Sender);
        Assert.Equal(sender.AccountId, result.SenderAccountId);
    }

    [Fact]
    public void RoundTripsAnyPlaintext()
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        Gen.Byte.Array[0, 2000].Sample(plaintext =>
        {
            var sealedBytes = SessionSealer.Seal(sender, recipient.X25519PublicKey, plaintext);
            Assert.Equal(plaintext.Length + SessionSealer.Overhead, sealedBytes.Length);
            var result = SessionSealer.Open(recipient, sealedBytes);
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(plaintext, result.Plaintext);
            Assert.Equal(sender.AccountId, result.SenderAccountId);
        }, iter: 50);
    }

    [Fact]
    public void SealIsRandomizedAndDeterministicVariantIsNot()
    {
        using var sender = Sender();
        using var recipient = Recipient();
        var plaintext = "same text"u8.ToArray();

        Assert.NotEqual(SessionSealer.Seal(sender, recipient.X25519PublicKey, plaintext), SessionSealer.Seal(sender, recipient.X25519PublicKey, plaintext));
        Assert.Equal(
            SessionSealer.SealDeterministic(sender, recipient.X25519PublicKey, plaintext),
            SessionSealer.SealDeterministic(sender, recipient.X25519PublicKey, plaintext));
        Assert.NotEqual(
            SessionSealer.SealDeterministic(sender, recipient.X25519PublicKey, plaintext),
            SessionSealer.SealDeterministic(sender, recipient.X25519PublicKey, "other text"u8));
    }

    [Fact]
    public void AnyChangedByteFailsToOpen()
    {
        using var recipient = Recipient();
        var ciphertext = VectorCiphertext;
        for (var i = 0; i < ciphertext.Length; i++)
        {
            ciphertext[i] ^= 0x02;
            Assert.Equal(OpenFailure.DecryptionFailed, SessionSealer.Open(recipient, ciphertext).Failure);
            ciphertext[i] ^= 0x02;
        }
        Assert.True(SessionSealer.Open(recipient, ciphertext).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(143)]
    public void ShorterThanOverheadIsTooShort(int length)
    {
        using var recipient = Recipient();
        Assert.Equal(OpenFailure.TooShort, SessionSealer.Open(recipient, VectorCiphertext.AsSpan(0, length)).Failure);
    }

    [Fact]
    public void TruncatedButLongEnoughFailsDecryption()
    {
        using var recipient = Recipient();
        Assert.Equal(OpenFailure.DecryptionFailed, SessionSealer.Open(recipient, VectorCiphertext.AsSpan(0, 148)).Failure);
        Assert.Equal(OpenFailure.DecryptionFailed, SessionSealer.Open(recipient, VectorCiphertext.AsSpan(1)).Failure);
    }

    [Fact]
    public void WrongRecipientCannotOpen()
    {
        using var sender = Sender();
        Assert.Equal(OpenFailure.DecryptionFailed, SessionSealer.Open(sender, VectorCiphertext).Failure);
    }

    [Fact]
    public void SignatureBySomeoneElseIsBadSignature()
    {
        using var claimed = Sender();
        using var forger = Ed25519KeyPair.Generate();
        using var recipient = Recipient();
        var message = "forged"u8.ToArray();

        // The forger signs in the claimed sender's name: M ‖ A_claimed, signed by the forger's key.
        byte[] signed = [.. message, .. claimed.PublicKey.Span, .. recipient.X25519PublicKey.Span];
        var sealedBytes = SealInner([.. message, .. claimed.PublicKey.Span, .. Ed25519.Sign(forger, signed)], recipient.X25519PublicKey);

        Assert.Equal(OpenFailure.BadSignature, SessionSealer.Open(recipient, sealedBytes).Failure);
    }

    [Fact]
    public void MessageResealedToAnotherRecipientIsBadSignature()
    {
        using var sender = Sender();
        using var intended = Recipient();
        using var other = Ed25519KeyPair.Generate();

        // The intended recipient opens it and re-seals the same signed bytes to someone else.
        var opened = SessionSealer.Open(intended, SessionSealer.Seal(sender, intended.X25519PublicKey, "for intended only"u8));
        Assert.True(opened.Succeeded);
        byte[] signed = [.. opened.Plaintext, .. sender.PublicKey.Span, .. intended.X25519PublicKey.Span];
        var inner = (byte[])[.. opened.Plaintext, .. sender.PublicKey.Span, .. Ed25519.Sign(sender, signed)];

        Assert.Equal(OpenFailure.BadSignature, SessionSealer.Open(other, SealInner(inner, other.X25519PublicKey)).Failure);
    }

    [Fact]
    public void SenderKeyWithoutX25519FormIsBadSenderKey()
    {
        using var recipient = Recipient();
        var identityPoint = new byte[32];
        identityPoint[0] = 1;
        byte[] inner = [.. "x"u8, .. identityPoint, .. new byte[64]];

        Assert.Equal(OpenFailure.BadSenderKey, SessionSealer.Open(recipient, SealInner(inner, recipient.X25519PublicKey)).Failure);
    }

    [Fact]
    public void ResultNeverPrintsThePlaintext()
    {
        using var recipient = Recipient();
        var result = SessionSealer.Open(recipient, VectorCiphertext);
        Assert.DoesNotContain("hello", result.ToString());
        Assert.Contains("5 bytes", result.ToString());
    }

    private static unsafe byte[] SealInner(byte[] inner, X25519PublicKey recipient)
    {
        var output = new byte[inner.Length + Sodium.SealBytes];
        fixed (byte* c = output, m = inner, pk = recipient.Span)
        {
            Assert.Equal(0, Sodium.crypto_box_seal(c, m, (ulong)inner.Length, pk));
        }
        return output;
    }
}
