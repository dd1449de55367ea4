using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Node.Swarm;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Tests.Swarm;

/// <summary>The message records nodes exchange: a record must be well formed and its data must hash to its name.</summary>
public sealed class MessageRecordsTests
{
    private static readonly Ed25519KeyPair Account = Ed25519KeyPair.Generate();
    private static readonly StoragePubkey Owner = StoragePubkey.FromBytes(Account.AccountId.Bytes);

    private static string Record(string? hash = null, string data = "aGVsbG8=", int ns = 5, string? owner = null, long expiry = 2_000) =>
        $$"""[{"id":1,"owner":"{{owner ?? Owner.Hex}}","namespace":{{ns}},"hash":"{{hash ?? MessageHash.Compute(Owner, ns, "hello"u8)}}","timestamp":1000,"expiry":{{expiry}},"data":"{{data}}"}]""";

    [Fact]
    public void A_valid_record_reads_back_with_its_namespace_and_times()
    {
        using var json = JsonDocument.Parse(Record());

        Assert.True(MessageRecords.TryRead(json.RootElement, 10, requireData: true, out var messages, out var problem), problem);

        var message = Assert.Single(messages).Message;
        Assert.Equal((5, 1000L, 2000L, Owner.Hex), (message.Namespace, message.TimestampMs, message.ExpiryMs, message.Owner));
        Assert.Equal("hello"u8.ToArray(), message.Data);
    }

    [Theory]
    [InlineData("wrong-hash", "does not hash")]
    [InlineData("bad-owner", "owner must be")]
    [InlineData("bad-data", "data must be base64")]
    [InlineData("expiry-before", "expiry ≥ timestamp")]
    [InlineData("too-many", "at most 0 messages")]
    public void A_bad_record_is_refused_naming_the_problem(string fault, string expected)
    {
        var text = fault switch
        {
            "wrong-hash" => Record(hash: MessageHash.Compute(Owner, 5, "other"u8)),
            "bad-owner" => Record(owner: "05zz"),
            "bad-data" => Record(data: "***"),
            "expiry-before" => Record(expiry: 10),
            _ => Record(),
        };
        using var json = JsonDocument.Parse(text);

        Assert.False(MessageRecords.TryRead(json.RootElement, fault == "too-many" ? 0 : 10, requireData: true, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_pushed_record_without_data_is_refused()
    {
        using var json = JsonDocument.Parse(Record().Replace(",\"data\":\"aGVsbG8=\"", ""));

        Assert.False(MessageRecords.TryRead(json.RootElement, 10, requireData: true, out _, out var problem));
        Assert.Contains("data is missing", problem);
    }
}
