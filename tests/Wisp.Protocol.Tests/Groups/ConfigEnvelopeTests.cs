using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The stored form of a config: compression, padding, encryption, and what a reader refuses.</summary>
public sealed class ConfigEnvelopeTests
{
    private const string Domain = "groups::Info";

    [Fact]
    public void A_compressible_message_is_stored_zstd_compressed_behind_a_z()
    {
        var message = System.Text.Encoding.ASCII.GetBytes("d1:#i1e1:&d1:n600:" + new string('a', 600) + "e1:<le1:=de");
        var stored = ConfigEnvelope.Seal(message, GroupKeys.Key('a'), Domain);
        Assert.Equal(256, stored.Length);
        Assert.True(ConfigEncryption.TryDecrypt(stored, GroupKeys.Key('a'), Domain, out var padded));
        var body = padded.AsSpan(padded.AsSpan().IndexOfAnyExcept((byte)0));
        Assert.Equal((byte)'z', body[0]);
        Assert.Equal(message, ConfigEnvelope.Open(stored, GroupKeys.Keys('a'), Domain, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void An_incompressible_message_is_stored_as_is_after_zero_padding()
    {
        var message = "d1:#i1e1:&de1:<le1:=dee"u8.ToArray();
        var stored = ConfigEnvelope.Seal(message, GroupKeys.Key('a'), Domain);
        Assert.True(ConfigEncryption.TryDecrypt(stored, GroupKeys.Key('a'), Domain, out var padded));
        Assert.Equal(256 - ConfigEncryption.Overhead, padded.Length);
        Assert.All(padded[..^message.Length], b => Assert.Equal(0, b));
        Assert.Equal(message, padded[^message.Length..]);
    }

    [Fact]
    public void Any_of_several_keys_opens_it_and_a_wrong_key_or_tampering_does_not()
    {
        var message = "d1:#i1e1:&de1:<le1:=dee"u8.ToArray();
        var stored = ConfigEnvelope.Seal(message, GroupKeys.Key('c'), Domain);
        Assert.Equal(message, ConfigEnvelope.Open(stored, GroupKeys.Keys('a', 'b', 'c'), Domain, out _));
        Assert.Null(ConfigEnvelope.Open(stored, GroupKeys.Keys('a', 'b'), Domain, out var error));
        Assert.Equal("Failed to decrypt message", error);
        Assert.Null(ConfigEnvelope.Open(stored, GroupKeys.Keys('c'), "groups::Members", out _));

        stored[10] ^= 1;
        Assert.Null(ConfigEnvelope.Open(stored, GroupKeys.Keys('c'), Domain, out _));
    }

    [Theory]
    [InlineData("", "Invalid config message: contains no data")]
    [InlineData("m", "multi-part messages not yet supported!")]
    [InlineData("znot zstd at all", "Invalid config message: decompression failed")]
    public void Bodies_libsession_cannot_use_are_refused_with_its_reason(string body, string reason)
    {
        var stored = ConfigEncryption.Encrypt(System.Text.Encoding.ASCII.GetBytes(body), GroupKeys.Key('a'), Domain);
        Assert.Null(ConfigEnvelope.Open(stored, GroupKeys.Keys('a'), Domain, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void A_zstd_bomb_is_refused_rather_than_inflated()
    {
        using var compressor = new ZstdSharp.Compressor(19);
        var bomb = compressor.Wrap(new byte[ConfigLimits.MaxDecompressedBytes + 1]).ToArray();
        var stored = ConfigEncryption.Encrypt([(byte)'z', .. bomb], GroupKeys.Key('a'), Domain);
        Assert.True(stored.Length < ConfigLimits.MaxMessageBytes);
        Assert.Null(ConfigEnvelope.Open(stored, GroupKeys.Keys('a'), Domain, out var error));
        Assert.Equal("Invalid config message: decompression failed", error);
    }

    [Fact]
    public void A_tampered_stored_config_is_refused_by_merge_and_changes_nothing()
    {
        using var admin = GroupKeys.Admin();
        var writer = new InfoConfig(admin.PublicKey, admin);
        writer.Set(new GroupInfo { Name = "Original" });
        var push = writer.Push(GroupKeys.Key('a'));
        var reader = new InfoConfig(admin.PublicKey);
        reader.Merge([new ConfigIncoming("h1", push.Data)], GroupKeys.Keys('a'));

        writer.Set(new GroupInfo { Name = "Changed" });
        var tampered = writer.Push(GroupKeys.Key('a')).Data;
        tampered[^30] ^= 0x80;
        var result = reader.Merge([new ConfigIncoming("h2", tampered)], GroupKeys.Keys('a'));
        Assert.Empty(result.AcceptedHashes);
        Assert.Equal("h2", Assert.Single(result.Rejected).Hash);
        Assert.Equal("Original", reader.Info.Name);
        Assert.Equal(1, reader.Seqno);
    }

    [Fact]
    public void A_reader_refuses_an_unsigned_config()
    {
        using var admin = GroupKeys.Admin();
        var unsigned = ConfigEnvelope.Seal("d1:#i5e1:&d1:n4:evile1:<le1:=dee"u8.ToArray(), GroupKeys.Key('a'), Domain);
        var reader = new InfoConfig(admin.PublicKey);
        var result = reader.Merge([new ConfigIncoming("h", unsigned)], GroupKeys.Keys('a'));
        Assert.Equal(new ConfigRejection("h", "Config signature is missing"), Assert.Single(result.Rejected));
        Assert.Null(reader.Info.Name);
    }
}
