using System.Text.Json;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Peering;

/// <summary>The message record nodes exchange: it round-trips, and a record that is malformed or misnamed is refused.</summary>
public sealed class PeerMessageTests
{
    private const string Owner = "05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";

    internal static PeerMessage Message(long id = 1, string text = "hello", int ns = 5, bool withData = true)
    {
        StoragePubkey.TryParse(Owner, out var owner, out _);
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        return new PeerMessage(id, Owner, ns, MessageHash.Compute(owner!, ns, data), 1_000, 2_000, withData ? data : null);
    }

    private static string Record(string? hash = null, string data = "\"aGVsbG8=\"", int ns = 5, string owner = Owner, long expiry = 2_000, long id = 1)
    {
        StoragePubkey.TryParse(Owner, out var key, out _);
        return $$"""{"messages":[{"id":{{id}},"owner":"{{owner}}","namespace":{{ns}},"hash":"{{hash ?? MessageHash.Compute(key!, ns, "hello"u8)}}","timestamp":1000,"expiry":{{expiry}},"data":{{data}}}]}""";
    }

    [Fact]
    public void A_message_with_data_round_trips()
    {
        var push = new PushRequest([Message(), Message(2, "world", -10)]);

        var read = PushRequest.Read(push.ToJson());

        Assert.True(read.Ok, read.Problem);
        Assert.Equal(2, read.Value!.Messages.Count);
        for (var i = 0; i < 2; i++)
        {
            var (expected, actual) = (push.Messages[i], read.Value.Messages[i]);
            Assert.Equal(expected with { Data = null }, actual with { Data = null });
            Assert.Equal(expected.Data, actual.Data);
        }
    }

    [Fact]
    public void A_listed_message_is_written_without_data_and_reads_back_without_it()
    {
        var listed = Message(withData: false);

        var json = System.Text.Encoding.UTF8.GetString(new SyncAnswer("ab", [listed], 7, false).ToJson());
        var read = SyncAnswer.Read(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.DoesNotContain("\"data\"", json);
        Assert.Equal(listed, Assert.Single(read.Value!.Messages));
    }

    [Theory]
    [InlineData("wrong-hash", "messages[0]: data does not hash to the message's hash")]
    [InlineData("bad-owner", "messages[0]: owner must be a 33-byte key as 66 hex characters")]
    [InlineData("bad-data", "messages[0]: data must be base64 of at most 76800 bytes")]
    [InlineData("data-not-string", "messages[0]: data must be base64 of at most 76800 bytes")]
    [InlineData("expiry-before", "messages[0]: timestamp and expiry must be Unix ms with expiry ≥ timestamp")]
    [InlineData("negative-id", "messages[0]: id must be a non-negative integer")]
    [InlineData("bad-namespace", "messages[0]: namespace must be an integer in the namespace range")]
    [InlineData("short-hash", "messages[0]: hash must be 43 base64 characters")]
    [InlineData("no-data", "messages[0]: data is missing")]
    [InlineData("not-an-array", "messages must be an array")]
    [InlineData("not-json", "the body must be a JSON object")]
    [InlineData("an-array", "the body must be a JSON object")]
    public void A_bad_pushed_record_is_refused_naming_the_problem(string fault, string expected)
    {
        StoragePubkey.TryParse(Owner, out var key, out _);
        var text = fault switch
        {
            "wrong-hash" => Record(hash: MessageHash.Compute(key!, 5, "other"u8)),
            "bad-owner" => Record(owner: "05zz"),
            "bad-data" => Record(data: "\"***\""),
            "data-not-string" => Record(data: "12"),
            "expiry-before" => Record(expiry: 10),
            "negative-id" => Record(id: -1),
            "bad-namespace" => Record(ns: 40_000),
            "short-hash" => Record(hash: "abc"),
            "no-data" => Record().Replace(",\"data\":\"aGVsbG8=\"", ""),
            "not-an-array" => """{"messages":{}}""",
            "not-json" => """{"messages":[""",
            _ => "[]",
        };

        var read = PushRequest.Read(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.False(read.Ok);
        Assert.Equal(expected, read.Problem);
    }

    [Fact]
    public void Data_longer_than_a_message_may_be_is_refused_before_it_is_decoded()
    {
        var huge = new string('A', StorageLimits.MaxMessageBase64Chars + 8);

        var read = PushRequest.Read(System.Text.Encoding.UTF8.GetBytes(Record(data: $"\"{huge}\"")));

        Assert.Equal("messages[0]: data must be base64 of at most 76800 bytes", read.Problem);
    }

    [Fact]
    public void More_records_than_a_push_may_carry_are_refused_before_any_is_read()
    {
        var records = string.Join(',', Enumerable.Repeat("0", PeeringLimits.MaxTransferRecords + 1));

        var read = PushRequest.Read(System.Text.Encoding.UTF8.GetBytes($$"""{"messages":[{{records}}]}"""));

        Assert.Equal($"at most {PeeringLimits.MaxTransferRecords} messages a request; got {PeeringLimits.MaxTransferRecords + 1}", read.Problem);
    }

    [Fact]
    public void Nesting_deeper_than_any_record_is_refused()
    {
        var deep = new string('[', 20) + new string(']', 20);

        var read = PushRequest.Read(System.Text.Encoding.UTF8.GetBytes($$"""{"messages":{{deep}}}"""));

        Assert.Equal("the body must be a JSON object", read.Problem);
    }

    [Fact]
    public void The_writer_uses_snake_case_field_names()
    {
        using var json = JsonDocument.Parse(new PushRequest([Message()]).ToJson());

        var names = json.RootElement.GetProperty("messages")[0].EnumerateObject().Select(p => p.Name);

        Assert.Equal(["id", "owner", "namespace", "hash", "timestamp", "expiry", "data"], names);
    }
}
