using Wisp.Crypto.Aead;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>Link requests: signed inside, encrypted to the group's link key, the key indicator.</summary>
public sealed class LinkRequestTests
{
    [Fact]
    public void Seal_uses_the_independently_computed_indicator_key_and_nonce()
    {
        var plaintext = "d1:I32:________________________________1:ide1:~64:________________________________________________________________e"u8.ToArray();
        var account = X25519KeyPair.FromSecret(DeviceVectors.Bytes("link_S_secret"));
        var link = X25519KeyPair.FromSecret(DeviceVectors.Bytes("link_X_secret"));

        var sealed_ = LinkRequest.Seal(plaintext, link.PublicKey.Span, account.PublicKey, DeviceVectors.Bytes("link_e"));

        var dict = (BencodeDictionary)BencodeReader.Decode(sealed_).Value!;
        Assert.Equal(["", "E", "L", "i"], dict.Entries.Select(e => System.Text.Encoding.ASCII.GetString(e.Key.Span)));
        Assert.True(dict.TryGetValue("E", out var e));
        Assert.Equal(DeviceVectors.Text("link_E"), Convert.ToHexStringLower(((BencodeString)e!).Bytes.Span));
        Assert.True(dict.TryGetValue("i", out var i));
        Assert.Equal(DeviceVectors.Text("link_indicator"), Convert.ToHexStringLower(((BencodeString)i!).Bytes.Span));
        Assert.True(dict.TryGetValue("L", out var l));
        var opened = new byte[plaintext.Length];
        Assert.True(XChaCha20Poly1305.Decrypt(DeviceVectors.Bytes("link_key"), DeviceVectors.Bytes("link_nonce"), ((BencodeString)l!).Bytes.Span, default, opened));
        Assert.Equal(plaintext, opened);
        Assert.Equal("L", DeviceGroupMessage.KindOf(sealed_));
    }

    [Fact]
    public void A_group_member_opens_it_with_a_current_or_recent_key_and_reads_the_signed_record()
    {
        using var account = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x11, 32).ToArray());
        using var device = DeviceTestData.Keys(3);
        using var current = X25519KeyPair.Generate();
        using var old = X25519KeyPair.Generate();
        var record = DeviceTestData.Record(0x42, device, description: "laptop");
        var plaintext = LinkRequest.EncodePlaintext(record, account);

        var sealed_ = LinkRequest.Seal(plaintext, old.PublicKey.Span, account.X25519PublicKey, Crypto.RandomBytes.Get(32));

        var opened = LinkRequest.TryOpen(sealed_, account, [current, old]);
        Assert.Equal(plaintext, opened);
        var read = LinkRequest.TryReadPlaintext(opened, account.PublicKey, out var error);
        Assert.True(read is not null, error);
        Assert.Equal(record.Id, read.Id);
        Assert.Equal("laptop", read.Description);
        Assert.Equal(record.MlKemPublicKey, read.MlKemPublicKey);
        Assert.Null(LinkRequest.TryOpen(sealed_, account, [current]));
    }

    [Fact]
    public void A_request_not_signed_by_the_account_is_refused()
    {
        using var account = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x11, 32).ToArray());
        using var stranger = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x12, 32).ToArray());
        using var device = DeviceTestData.Keys(3);
        var forged = LinkRequest.EncodePlaintext(DeviceTestData.Record(0x42, device), stranger);
        Assert.Null(LinkRequest.TryReadPlaintext(forged, account.PublicKey, out var error));
        Assert.Contains("signature", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sas_changes_with_any_byte_of_the_request()
    {
        using var account = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x11, 32).ToArray());
        using var device = DeviceTestData.Keys(3);
        var one = LinkRequest.Sas(LinkRequest.EncodePlaintext(DeviceTestData.Record(0x42, device), account));
        var two = LinkRequest.Sas(LinkRequest.EncodePlaintext(DeviceTestData.Record(0x42, device, description: "other"), account));
        Assert.Equal(21, one.Length);
        Assert.NotEqual(one, two);
    }
}
