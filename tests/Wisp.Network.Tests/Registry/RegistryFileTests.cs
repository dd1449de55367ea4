using System.Text;
using System.Text.Json.Nodes;
using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Registry;

public sealed class RegistryFileTests
{
    private static readonly Wisp.Crypto.Keys.Ed25519KeyPair Key = TestNodes.RegistryKey();

    private static byte[] GoodFile(int joins = 8)
    {
        var ledger = LedgerBuilder.Joins(joins);
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(2)));
        return RegistryFile.Serialize(Signing.Snapshot(ledger, Key));
    }

    private static byte[] Edit(byte[] file, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(file)!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static RegistryError Rejected(byte[] file)
    {
        var result = RegistryFile.Parse(file, Key.PublicKey);
        Assert.False(result.IsSuccess, "the file was accepted");
        return result.Error!;
    }

    [Fact]
    public void A_written_registry_loads_back_identically()
    {
        var ledger = LedgerBuilder.Joins(12);
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(4)));
        LedgerBuilder.Add(ledger, new NodeAddressUpdate(TestNodes.Key(5), "node5.example", 443, "0.2.0"));
        var snapshot = Signing.Snapshot(ledger, Key);

        var loaded = RegistryFile.Parse(RegistryFile.Serialize(snapshot), Key.PublicKey);

        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        var back = loaded.Value!;
        Assert.Equal(snapshot.Version, back.Version);
        Assert.Equal(snapshot.Hash, back.Hash);
        Assert.Equal(snapshot.History, back.History);
        Assert.Equal(snapshot.AllNodes, back.AllNodes);
        Assert.Equal(snapshot.Swarms, back.Swarms);
        Assert.True(back.HasValidSignature());
        Assert.Equal(11, back.ActiveNodes.Count);
        Assert.Equal(("node5.example", 443, "0.2.0"), (back.FindNode(TestNodes.Key(5))!.Host, back.FindNode(TestNodes.Key(5))!.Port, back.FindNode(TestNodes.Key(5))!.SoftwareVersion));
        Assert.Equal(13L, back.FindNode(TestNodes.Key(4))!.LeftAt);
        Assert.Equal(5L, back.FindNode(TestNodes.Key(4))!.JoinedAt);
    }

    [Fact]
    public void An_empty_registry_round_trips()
    {
        var snapshot = Signing.Snapshot(new RegistryLedger(), Key);

        var loaded = RegistryFile.Parse(RegistryFile.Serialize(snapshot), Key.PublicKey);

        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        Assert.Equal(0, loaded.Value!.Version);
        Assert.Equal(RegistryHash.Zero, loaded.Value.Hash);
        Assert.Empty(loaded.Value.Swarms.Swarms);
    }

    [Fact]
    public void Whitespace_and_property_order_do_not_matter()
    {
        var compact = Edit(GoodFile(), root => root.Remove("format"));
        var reordered = Encoding.UTF8.GetBytes(
            "{\"format\":\"wisp-registry/1\"," + Encoding.UTF8.GetString(compact)[1..]);

        Assert.True(RegistryFile.Parse(reordered, Key.PublicKey).IsSuccess);
    }

    [Fact]
    public void A_tampered_entry_is_named()
    {
        var file = Edit(GoodFile(), root => root["entries"]![1]!["change"]!["port"] = 9999);

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.HashMismatch, error.Kind);
        Assert.Equal(2L, error.EntryVersion);
        Assert.StartsWith("entry 2:", error.Message);
    }

    [Fact]
    public void A_tampered_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        var file = Edit(GoodFile(), root =>
        {
            var entry = root["entries"]![1]!;
            entry["change"]!["port"] = 9999;
            var change = TestNodes.Join(1) with { Port = 9999 };
            var previous = new RegistryHash(Convert.FromHexString((string)entry["previousHash"]!));
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)entry["timeMs"]!);
            entry["hash"] = RegistryEncoding.HashEntry(2, previous, time, change).ToHex();
        });

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.BrokenLink, error.Kind);
        Assert.Equal(3L, error.EntryVersion);
    }

    [Fact]
    public void A_bad_signature_is_rejected()
    {
        var file = Edit(GoodFile(), root =>
        {
            var signature = (string)root["signature"]!;
            root["signature"] = (signature[0] == '0' ? "1" : "0") + signature[1..];
        });

        Assert.Equal(RegistryErrorKind.BadSignature, Rejected(file).Kind);
    }

    [Fact]
    public void An_appended_entry_without_a_new_signature_is_rejected()
    {
        var ledger = LedgerBuilder.Joins(5);
        var signedAtFive = Signing.HeadSignature(Key, ledger.Version, ledger.Hash);
        LedgerBuilder.Add(ledger, TestNodes.Join(5));
        var file = RegistryJson.Write(Key.PublicKey, ledger.History, signedAtFive);

        Assert.Equal(RegistryErrorKind.BadSignature, Rejected(file).Kind);
    }

    [Fact]
    public void A_file_for_another_registry_key_is_rejected()
    {
        using var other = TestNodes.RegistryKey(1);
        var file = RegistryFile.Serialize(Signing.Snapshot(LedgerBuilder.Joins(3), other));

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.WrongRegistryKey, error.Kind);
        Assert.Contains(other.PublicKey.ToHex(), error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"format\":\"wisp-registry/2\"}")]
    [InlineData("{\"format\":\"wisp-registry/1\",\"format\":\"wisp-registry/1\"}")]
    public void Garbage_is_malformed(string text)
    {
        Assert.Equal(RegistryErrorKind.Malformed, Rejected(Encoding.UTF8.GetBytes(text)).Kind);
    }

    [Fact]
    public void A_truncated_file_is_malformed()
    {
        var file = GoodFile();

        var error = Rejected(file[..(file.Length / 2)]);

        Assert.Equal(RegistryErrorKind.Malformed, error.Kind);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("version", "\"one\"", "\"version\"")]
    [InlineData("previousHash", "\"abc\"", "\"previousHash\"")]
    [InlineData("timeMs", "-5", "\"timeMs\"")]
    [InlineData("change", "7", "\"change\"")]
    public void A_misshapen_entry_is_named(string field, string json, string mentioned)
    {
        var file = Edit(GoodFile(), root => root["entries"]![2]![field] = JsonNode.Parse(json));

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.Malformed, error.Kind);
        Assert.Equal(3L, error.EntryVersion);
        Assert.Contains(mentioned, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void A_port_out_of_range_is_an_invalid_field_even_before_the_hash_is_checked(int port)
    {
        var file = Edit(GoodFile(), root => root["entries"]![1]!["change"]!["port"] = port);

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.InvalidField, error.Kind);
        Assert.Equal(2L, error.EntryVersion);
        Assert.Contains("port", error.Message);
    }

    [Fact]
    public void An_unknown_change_type_is_malformed()
    {
        var file = Edit(GoodFile(), root => root["entries"]![0]!["change"]!["type"] = "promote");

        var error = Rejected(file);

        Assert.Equal(RegistryErrorKind.Malformed, error.Kind);
        Assert.Contains("promote", error.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_before_parsing()
    {
        var huge = new byte[RegistryLimits.MaxFileBytes + 1];

        Assert.Equal(RegistryErrorKind.TooLarge, Rejected(huge).Kind);
    }

    [Fact]
    public void A_missing_file_is_unreadable()
    {
        var result = RegistryFile.Load(Path.Combine(Path.GetTempPath(), $"wisp-missing-{Guid.NewGuid():N}.json"), Key.PublicKey);

        Assert.False(result.IsSuccess);
        Assert.Equal(RegistryErrorKind.Unreadable, result.Error!.Kind);
    }
}
