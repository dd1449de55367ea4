using System.Text.Json;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Storage;

public sealed class MessageHashTests
{
    [Fact]
    public void Matches_the_storage_server_vector()
    {
        using var vector = JsonDocument.Parse(File.ReadAllText(Path.Combine("Vectors", "session-storage-server", "message_hash.json")));
        var root = vector.RootElement;
        Assert.True(StoragePubkey.TryParse(root.GetProperty("pubkey").GetString(), out var pubkey, out _));
        var data = Convert.FromBase64String(root.GetProperty("data_base64").GetString()!);

        var hash = MessageHash.Compute(pubkey!, root.GetProperty("namespace").GetInt32(), data);

        Assert.Equal(root.GetProperty("hash").GetString(), hash);
        Assert.Equal(MessageHash.Length, hash.Length);
    }

    [Theory]
    [InlineData(40, "40")]
    [InlineData(-42, "-42")]
    [InlineData(-10, "-10")]
    public void Puts_the_decimal_namespace_between_key_and_data(int ns, string text)
    {
        // network-tests/test_msg_ns.py: blake2b(b'\x05' + key + b'40' + b'abc 123').rstrip('=')
        var pubkey = Pubkey("05" + new string('a', 64));
        var data = "abc 123"u8.ToArray();
        var expected = Convert.ToBase64String(Blake2b.Hash([.. pubkey.Bytes, .. System.Text.Encoding.ASCII.GetBytes(text), .. data], 32)).TrimEnd('=');

        Assert.Equal(expected, MessageHash.Compute(pubkey, ns, data));
    }

    [Fact]
    public void The_prefix_byte_is_part_of_the_hash()
    {
        var data = "same"u8.ToArray();
        Assert.NotEqual(
            MessageHash.Compute(Pubkey("05" + new string('1', 64)), 0, data),
            MessageHash.Compute(Pubkey("03" + new string('1', 64)), 0, data));
    }

    [Theory]
    [InlineData("4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs", true)]
    [InlineData("///////////////////////////////////////////", true)]
    [InlineData("4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjH", false)]
    [InlineData("4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs=", false)]
    [InlineData("4sMyAuaZlMwww3oFvfhazfw7ASx-7TDtO+TVc8aAjHs", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Recognises_well_formed_hashes(string? hash, bool wellFormed) =>
        Assert.Equal(wellFormed, MessageHash.IsWellFormed(hash));

    private static StoragePubkey Pubkey(string hex)
    {
        Assert.True(StoragePubkey.TryParse(hex, out var pubkey, out var error), error);
        return pubkey!;
    }
}
