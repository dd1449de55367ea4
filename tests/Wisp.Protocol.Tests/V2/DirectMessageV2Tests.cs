using Wisp.Crypto.Aead;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.V2;

namespace Wisp.Protocol.Tests.V2;

public class DirectMessageV2Tests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("extra")]
    [InlineData("long")]
    public void ReferenceMessagesOpenWithTheAccountKey(string name)
    {
        var vector = V2Vectors.Message(name);
        using var sender = V2Vectors.Sender();
        using var recipient = V2Vectors.Recipient();
        using var accountKey = AccountKey.FromSeed(V2Vectors.Root.GetProperty("account_key").Hex("seed"));

        var opened = DirectMessageV2.Open(recipient, [accountKey], vector.Hex("message"));

        Assert.True(opened.Succeeded, opened.ToString());
        Assert.True(opened.ForwardSecret);
        Assert.Equal(0, opened.AccountKeyIndex);
        Assert.Equal(vector.Hex("content"), opened.Content);
        Assert.Equal(sender.PublicKey, opened.Sender);
        Assert.Equal(sender.AccountId, opened.SenderAccountId);
        foreach (var extra in vector.GetProperty("extra").EnumerateObject())
            Assert.Equal(Convert.FromHexString(extra.Value.GetString()!), ((BencodeString)opened.Extra[extra.Name]).Bytes.ToArray());
        Assert.Equal(vector.GetProperty("extra").EnumerateObject().Count(), opened.Extra.Count);
    }

    [Fact]
    public void FixedEphemeralSealIsByteForByteTheReference()
    {
        // verify_wisp_seal.py recomputed every byte of this message independently (ML-KEM secret by decapsulation).
        var vector = V2Vectors.Root.GetProperty("wisp_deterministic");
        using var sender = V2Vectors.Sender();
        using var recipient = V2Vectors.Recipient();
        using var accountKey = AccountKey.FromSeed(V2Vectors.Root.GetProperty("account_key").Hex("seed"));

        var sealedMessage = DirectMessageV2.SealDeterministic(
            sender, recipient.AccountId, accountKey.ToBundle(), vector.Hex("content"), null, vector.Hex("ephemeral_secret"), vector.Hex("mlkem_coins"));

        Assert.Equal(vector.Hex("message"), sealedMessage);
    }

    [Fact]
    public void ReferenceNonForwardSecretMessageOpensWithTheLongTermKeyAndSaysSo()
    {
        var vector = V2Vectors.Message("nonpfs");
        using var recipient = V2Vectors.Recipient();

        var opened = DirectMessageV2.Open(recipient, [], vector.Hex("message"));

        Assert.True(opened.Succeeded, opened.ToString());
        Assert.False(opened.ForwardSecret);
        Assert.Null(opened.AccountKeyIndex);
        Assert.Equal(vector.Hex("content"), opened.Content);
    }

    [Theory]
    [InlineData(10, 1536)]
    [InlineData(100, 1536)]
    [InlineData(300, 1792)]
    [InlineData(1000, 2304)]
    public void SizesFollowSessionsPadding(int contentLength, int sealedLength)
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        using var key = AccountKey.Generate();
        var content = new byte[contentLength];

        var pfs = DirectMessageV2.Seal(sender, recipient.AccountId, key.ToBundle(), content);
        var nonPfs = DirectMessageV2.SealNonPfs(sender, recipient.AccountId, content);

        Assert.Equal(sealedLength, pfs.Length);
        Assert.Equal(sealedLength, nonPfs.Length);
        Assert.Equal(sealedLength, DirectMessageV2.SealedLength(contentLength));
        Assert.Equal([0x00, 0x02], pfs[..2]);
        Assert.Equal([0x00, 0x02], nonPfs[..2]);
    }

    [Fact]
    public void RetainedKeyOpensAnOlderMessageAndReportsWhichKey()
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        using var old = AccountKey.Generate();
        using var current = AccountKey.Generate();
        var message = DirectMessageV2.Seal(sender, recipient.AccountId, old.ToBundle(), "yesterday"u8);

        var withBoth = DirectMessageV2.Open(recipient, [current, old], message);
        var currentOnly = DirectMessageV2.Open(recipient, [current], message);

        Assert.True(withBoth.Succeeded);
        Assert.Equal(1, withBoth.AccountKeyIndex);
        Assert.Equal("yesterday"u8.ToArray(), withBoth.Content);
        Assert.Equal(V2OpenFailure.NoKeyMatches, currentOnly.Failure);
    }

    [Fact]
    public void ExtraKeysTravelSignedAndReservedOnesAreRefused()
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        using var key = AccountKey.Generate();
        var extra = new Dictionary<string, BencodeValue> { ["r"] = new BencodeList([new BencodeInteger(7), BencodeString.FromUtf8("x")]) };

        var opened = DirectMessageV2.Open(recipient, [key], DirectMessageV2.Seal(sender, recipient.AccountId, key.ToBundle(), "hi"u8, extra));

        Assert.True(opened.Succeeded);
        Assert.Equal(BencodeWriter.Encode(extra["r"]), BencodeWriter.Encode(opened.Extra["r"]));
        foreach (var reserved in new[] { "S", "c", "~", "~x" })
        {
            Assert.Throws<ArgumentException>(() => DirectMessageV2.Seal(
                sender, recipient.AccountId, key.ToBundle(), "hi"u8, new Dictionary<string, BencodeValue> { [reserved] = new BencodeInteger(1) }));
        }
    }

    [Fact]
    public void FailuresAreTyped()
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        using var stranger = Ed25519KeyPair.Generate();
        using var key = AccountKey.Generate();
        var message = DirectMessageV2.Seal(sender, recipient.AccountId, key.ToBundle(), "hi"u8);
        var tampered = (byte[])message.Clone();
        tampered[^1] ^= 0x01;
        var unknownVersion = (byte[])message.Clone();
        unknownVersion[1] = 0x03;

        Assert.Equal(V2OpenFailure.NotV2, DirectMessageV2.Open(recipient, [key], "\x0a\x05hello"u8).Failure);
        Assert.Equal(V2OpenFailure.NotV2, DirectMessageV2.Open(recipient, [key], unknownVersion).Failure);
        Assert.Equal(V2OpenFailure.TooShort, DirectMessageV2.Open(recipient, [key], message.AsSpan(0, 1535)).Failure);
        var huge = new byte[76_801];
        huge[1] = 0x02;
        Assert.Equal(V2OpenFailure.TooLong, DirectMessageV2.Open(recipient, [key], huge).Failure);
        Assert.Equal(V2OpenFailure.DecryptionFailed, DirectMessageV2.Open(recipient, [key], tampered).Failure);
        // The stranger's long-term key unmasks a different indicator, so no account key is even tried.
        Assert.Equal(V2OpenFailure.NoKeyMatches, DirectMessageV2.Open(stranger, [key], message).Failure);
    }

    [Fact]
    public void ForgedSignatureAndGarbageBodyAreRefused()
    {
        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        var forged = System.Text.Encoding.ASCII.GetBytes("d1:S32:").Concat(sender.PublicKey.Span.ToArray())
            .Concat(System.Text.Encoding.ASCII.GetBytes("1:c2:hi1:~64:")).Concat(new byte[64]).Append((byte)'e').ToArray();

        Assert.Equal(V2OpenFailure.BadSignature, DirectMessageV2.Open(recipient, [], NonPfsWith(recipient, forged)).Failure);
        Assert.Equal(V2OpenFailure.Malformed, DirectMessageV2.Open(recipient, [], NonPfsWith(recipient, "not bencode"u8.ToArray())).Failure);
        Assert.Equal(V2OpenFailure.Malformed, DirectMessageV2.Open(recipient, [], NonPfsWith(recipient, "d1:c2:hie"u8.ToArray())).Failure);
    }

    [Fact]
    public void SignatureIsBoundToTheRecipient()
    {
        // A message re-encrypted to someone else keeps the first recipient in its signature and is refused.
        using var sender = Ed25519KeyPair.Generate();
        using var first = Ed25519KeyPair.Generate();
        using var second = Ed25519KeyPair.Generate();
        var message = DirectMessageV2.SealNonPfs(sender, first.AccountId, "for first"u8);
        var inner = DecryptNonPfs(first, message);

        Assert.Equal(V2OpenFailure.BadSignature, DirectMessageV2.Open(second, [], NonPfsWith(second, inner)).Failure);
    }

    private static byte[] NonPfsWith(Ed25519KeyPair recipient, byte[] inner)
    {
        var message = new byte[V2Limits.MinimumMessageBytes];
        message[1] = 0x02;
        var key = new byte[32];
        var nonce = new byte[24];
        SessionV2Kem.EncapsulateNonPfs(recipient.X25519PublicKey, message.AsSpan(2, SessionV2Kem.HeaderBytes), key, nonce);
        var plain = new byte[message.Length - V2Limits.HeaderBytes - 16];
        inner.CopyTo(plain, 0);
        XChaCha20Poly1305.Encrypt(key, nonce, plain, [], message.AsSpan(V2Limits.HeaderBytes));
        return message;
    }

    private static byte[] DecryptNonPfs(Ed25519KeyPair recipient, byte[] message)
    {
        var key = new byte[32];
        var nonce = new byte[24];
        Assert.True(SessionV2Kem.TryDecapsulateNonPfs(recipient, message.AsSpan(2, SessionV2Kem.HeaderBytes), key, nonce));
        var plain = new byte[message.Length - V2Limits.HeaderBytes - 16];
        Assert.True(XChaCha20Poly1305.Decrypt(key, nonce, message.AsSpan(V2Limits.HeaderBytes), [], plain));
        return plain.AsSpan(0, Array.FindLastIndex(plain, b => b != 0) + 1).ToArray();
    }
}
