using System.Text;
using System.Text.Json;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Blinding;

/// <summary>Session's blinded direct messages against libsession's "Session blinding protocol encryption" cases.</summary>
public class BlindedMessagesTests
{
    private static readonly JsonElement Vectors = PublishedVectors.Load(Path.Combine("libsession-util", "blinded_encrypt.json"));

    public static TheoryData<string> Sections() =>
        [.. Vectors.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("section").GetString()!)];

    [Theory]
    [MemberData(nameof(Sections))]
    public void LibsessionSectionRoundTripsRecoversTheSenderAndRefusesTheFlippedNonce(string section)
    {
        var row = Vectors.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("section").GetString() == section);
        var server = X25519PublicKey.FromHex(Vectors.GetProperty("server_pk").GetString()!);
        using var sender = Party("sender");
        using var recipient = Party("recipient");
        var blind25 = row.GetProperty("blinding").GetString() == "blind25";
        var senderId = Id(sender, server, blind25);
        var recipientId = Id(recipient, server, blind25);
        var message = Encoding.ASCII.GetBytes(row.GetProperty("message").GetString()!);

        var ciphertext = BlindedMessages.Encrypt(sender, server, recipientId, message);
        Assert.Equal(message.Length + BlindedMessages.Overhead, ciphertext.Length);
        Assert.Equal(-1, ciphertext.AsSpan().IndexOf(message.AsSpan(0, Math.Min(12, message.Length))));

        var reader = row.GetProperty("decrypt_by").GetString() == "sender" ? sender : recipient;
        Assert.True(BlindedMessages.TryDecrypt(reader, server, senderId, recipientId, ciphertext, out var opened, out var from, out var error), error);
        Assert.Equal(message, opened);
        Assert.Equal(Vectors.GetProperty("sender").GetProperty("session_id").GetString(), from.Hex);

        // The IDs swapped: libsession throws; here the key differs and decryption fails.
        Assert.False(BlindedMessages.TryDecrypt(reader, server, recipientId, senderId, ciphertext, out _, out _, out _));

        var broken = (byte[])ciphertext.Clone();
        broken[row.GetProperty("tamper_index").GetInt32()] ^= 0x80;
        Assert.False(BlindedMessages.TryDecrypt(reader, server, senderId, recipientId, broken, out _, out _, out error));
        Assert.Equal("Invalid ciphertext: decryption failed", error);
    }

    [Fact]
    public void AnUnknownVersionAShortCiphertextAndMixedPrefixesAreRefusedWithLibsessionsWords()
    {
        var server = X25519PublicKey.FromHex(Vectors.GetProperty("server_pk").GetString()!);
        using var sender = Party("sender");
        using var recipient = Party("recipient");
        var ciphertext = BlindedMessages.Encrypt(sender, server, Id(recipient, server, false), "hello"u8);

        var versioned = (byte[])ciphertext.Clone();
        versioned[0] = 1;
        Assert.False(BlindedMessages.TryDecrypt(recipient, server, Id(sender, server, false), Id(recipient, server, false), versioned, out _, out _, out var error));
        Assert.Equal("Invalid ciphertext: version is not 0", error);

        Assert.False(BlindedMessages.TryDecrypt(recipient, server, Id(sender, server, false), Id(recipient, server, false), ciphertext.AsSpan(0, 40), out _, out _, out error));
        Assert.Equal("Invalid ciphertext: too short to contain valid encrypted data", error);

        Assert.False(BlindedMessages.TryDecrypt(recipient, server, Id(sender, server, true), Id(recipient, server, false), ciphertext, out _, out _, out error));
        Assert.Equal("Invalid ciphertext: both IDs must have the same prefix (15 or 25)", error);
    }

    [Fact]
    public void AThirdAccountCannotOpenAMessageBetweenTwoOthers()
    {
        var server = X25519PublicKey.FromHex(Vectors.GetProperty("server_pk").GetString()!);
        using var sender = Party("sender");
        using var recipient = Party("recipient");
        using var third = Ed25519KeyPair.Generate();
        var ciphertext = BlindedMessages.Encrypt(sender, server, Id(recipient, server, false), "secret"u8);
        Assert.False(BlindedMessages.TryDecrypt(third, server, Id(sender, server, false), Id(recipient, server, false), ciphertext, out _, out _, out _));
    }

    private static Ed25519KeyPair Party(string name) =>
        Ed25519KeyPair.FromSeed(Convert.FromHexString(Vectors.GetProperty(name).GetProperty("seed").GetString()!));

    private static BlindedId Id(Ed25519KeyPair account, X25519PublicKey server, bool blind25)
    {
        using var pair = blind25 ? Blind25.CreateKeyPair(account, server) : Blind15.CreateKeyPair(account, server);
        return pair.Id;
    }
}
