using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Protocol.Tests.Rpc;

/// <summary>
/// Every reply record written and read back gives the same value (its JSON again, byte for byte), keys in Session's
/// order; malformed JSON is refused with false, never an exception.
/// </summary>
public sealed class ResponseRecordTests
{
    private const string H1 = "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs";
    private const string H2 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private const string Node1 = "aa00000000000000000000000000000000000000000000000000000000000001";
    private const string Node2 = "bb00000000000000000000000000000000000000000000000000000000000002";
    private static readonly HardFork Hf = ProtocolVersions.HardFork;

    [Fact]
    public void Store_reply_round_trips_with_sessions_key_order()
    {
        var reply = new SwarmResponse<StoreEntry>([
            KeyValuePair.Create(Node2, SwarmEntry<StoreEntry>.Failed(SwarmFailure.TimedOut)),
            KeyValuePair.Create(Node1, SwarmEntry<StoreEntry>.Of(new StoreEntry(H1, "c2ln", 99, Already: true, T: 7))),
        ], 7, Hf, Hash: H1);

        var json = RoundTrip(reply);

        Assert.Equal($$$"""{"hash":"{{{H1}}}","hf":[19,4],"swarm":{"{{{Node1}}}":{"already":true,"expiry":99,"hash":"{{{H1}}}","signature":"c2ln","t":7},"{{{Node2}}}":{"failed":true,"timeout":true}},"t":7}""", json);
        Assert.True(RpcJson.TryParse<SwarmResponse<StoreEntry>>(System.Text.Encoding.UTF8.GetBytes(json), out var read));
        Assert.Equal(99, read.EntryOf(Node1)!.Result!.Expiry);
        Assert.True(read.EntryOf(Node2)!.Failure!.Timeout);
    }

    [Fact]
    public void Failure_entries_have_sessions_shapes()
    {
        Assert.Equal("""{"failed":true,"timeout":true}""", Json(SwarmFailure.TimedOut));
        Assert.Equal("""{"code":"401","failed":true,"reason":"no"}""", Json(SwarmFailure.Refused(401, "no")));
        Assert.Equal("""{"bad_peer_response":true,"failed":true}""", Json(SwarmFailure.BadResponse));
        Assert.Equal("""{"failed":true,"query_failure":true}""", Json(SwarmFailure.DatabaseFailed));
        Assert.True(SwarmFailure.TryRead(Parse("""{"failed":true,"code":401,"reason":"x"}"""), out var numeric));
        Assert.Equal(401, numeric.Code);
        Assert.False(SwarmFailure.TryRead(Parse("""{"failed":true,"code":"4o1"}"""), out _));
    }

    [Fact]
    public void Delete_and_expire_all_replies_round_trip_flat_and_per_namespace()
    {
        var flat = new SwarmResponse<DeleteEntry>([KeyValuePair.Create(Node1, SwarmEntry<DeleteEntry>.Of(
            new DeleteEntry(AffectedHashes.Of([H2, H1]), "c2ln")))], 5, Hf);
        Assert.Contains($$"""{"deleted":["{{H1}}","{{H2}}"],"signature":"c2ln"}""", RoundTrip(flat));

        var all = AffectedHashes.PerNamespace([(0, H2), (-10, H1), (5, H1)]);
        Assert.Equal(["-10", "0", "5"], all.ByNamespace!.Select(g => g.Key));
        Assert.Equal([H1, H1, H2], all.AllSorted);
        var perNamespace = new SwarmResponse<ExpireAllEntry>([KeyValuePair.Create(Node1, SwarmEntry<ExpireAllEntry>.Of(
            new ExpireAllEntry(all, "c2ln")))], 5, Hf);
        Assert.Contains($$$"""{"signature":"c2ln","updated":{"-10":["{{{H1}}}"],"0":["{{{H2}}}"],"5":["{{{H1}}}"]}}""", RoundTrip(perNamespace));
    }

    [Fact]
    public void Expire_entries_round_trip_single_and_per_message_expiries()
    {
        RoundTripEntry(new ExpireEntry([10], false, [H1], null, "c2ln"), """{"expiry":10,"signature":"c2ln","updated":[""" + $"\"{H1}\"]}}");
        RoundTripEntry(new ExpireEntry([10, 20], true, [H1, H2], [KeyValuePair.Create(H2, 30L)], "c2ln"),
            $$"""{"expiry":[10,20],"signature":"c2ln","unchanged":{"{{H2}}":30},"updated":["{{H1}}","{{H2}}"]}""");
        RoundTripEntry(new RevokeEntry("c2ln"), """{"signature":"c2ln"}""");
        RoundTripEntry(new RevokeEntry("c2ln", 3), """{"count":3,"signature":"c2ln"}""");
    }

    [Fact]
    public void Retrieve_reply_round_trips_with_base64_data()
    {
        var reply = new RetrieveResponse([new RetrievedMessage(H1, 1, 2, [0xfb, 0xff])], More: true, 9, Hf);
        Assert.Equal($$"""{"hf":[19,4],"messages":[{"data":"+/8=","expiration":2,"hash":"{{H1}}","timestamp":1}],"more":true,"t":9}""", RoundTrip(reply));
        Assert.True(RpcJson.TryParse<RetrieveResponse>(RpcJson.Serialize(reply), out var read));
        Assert.Equal(new byte[] { 0xfb, 0xff }, read.Messages[0].Data);
    }

    [Fact]
    public void A_large_retrieve_reply_written_into_its_own_buffer_is_the_same_json_and_its_hint_covers_it()
    {
        // 100 messages of Session's largest size: a ~7.8 MB answer, over the 1 MiB where the sized buffer is used.
        var messages = Enumerable.Range(0, 100)
            .Select(i => new RetrievedMessage(H1, i, i + 1, Enumerable.Repeat((byte)i, 76_800).ToArray())).ToList();
        var reply = new RetrieveResponse(messages, More: false, 9, Hf);
        var large = RpcJson.SerializeToMemory(reply);
        Assert.True(reply.SizeHint > 1 << 20);
        Assert.True(reply.SizeHint >= large.Length);
        Assert.Equal(RpcJson.Serialize(reply), large.ToArray());
        var batch = new BatchResponse([RpcReply.Ok(reply), RpcReply.Plain(401, "no")]);
        Assert.Equal(RpcJson.Serialize(batch), RpcJson.SerializeToMemory(batch).ToArray());
    }

    [Fact]
    public void Info_get_swarm_and_get_expiries_round_trip()
    {
        Assert.Equal("""{"hf":[19,4],"t":5,"timestamp":5,"version":[2,8,0]}""",
            RoundTrip(new InfoResponse(ProtocolVersions.StorageServer, 5, 5, Hf)));
        var swarm = new GetSwarmResponse([new SwarmNodeInfo(Node1, Node2, "10.0.0.1", 443)], 0x2a, 5, Hf);
        var json = RoundTrip(swarm);
        Assert.Contains("\"swarm\":\"2a\"", json);
        Assert.Contains("\"port\":\"443\",\"port_https\":443,\"port_omq\":0,\"port_quic\":0", json);
        Assert.Contains(".snode\"", json);
        Assert.Equal("""{"hf":[19,4],"snodes":[],"swarm":"ffffffffffffffff","t":5}""",
            RoundTrip(new GetSwarmResponse([], GetSwarmResponse.InvalidSwarmId, 5, Hf)));
        Assert.Equal($$$"""{"expiries":{"{{{H1}}}":2,"{{{H2}}}":1}}""",
            RoundTrip(new GetExpiriesResponse([KeyValuePair.Create(H1, 2L), KeyValuePair.Create(H2, 1L)])));
    }

    [Fact]
    public void Batch_and_ifelse_replies_carry_json_and_text_bodies()
    {
        var batch = new BatchResponse([
            RpcReply.Ok(new InfoResponse(ProtocolVersions.StorageServer, 5, 5, Hf)),
            RpcReply.Plain(401, "store signature verification failed"),
        ]);
        var json = RoundTrip(batch);
        Assert.Equal("""{"results":[{"body":{"hf":[19,4],"t":5,"timestamp":5,"version":[2,8,0]},"code":200},{"body":"store signature verification failed","code":401}]}""", json);
        Assert.True(RpcJson.TryParse<BatchResponse>(System.Text.Encoding.UTF8.GetBytes(json), out var read));
        Assert.Equal("store signature verification failed", read.Results[1].Text);
        Assert.True(InfoResponse.TryRead(read.Results[0].JsonElement!.Value, out _));

        Assert.Equal("""{"condition":false,"height":0,"hf":[19,4],"v":[2,8,0]}""",
            RoundTrip(new IfElseResponse(false, 0, Hf, ProtocolVersions.StorageServer, null)));
        Assert.Equal("""{"condition":true,"height":3,"hf":[19,4],"result":{"body":"x","code":400},"v":[2,8,0]}""",
            RoundTrip(new IfElseResponse(true, 3, Hf, ProtocolVersions.StorageServer, RpcReply.Plain(400, "x"))));
    }

    [Fact]
    public void A_reply_read_from_http_keeps_its_kind()
    {
        var text = RpcReply.FromHttp(406, "text/plain; charset=utf-8", "Timestamp error: check your clock"u8);
        Assert.Equal((406, "Timestamp error: check your clock", RpcContentTypes.Text), (text.Status, text.Text, text.ContentType));
        var json = RpcReply.FromHttp(200, "application/json", """{"a":1}"""u8);
        Assert.Equal(1, json.JsonElement!.Value.GetProperty("a").GetInt32());
        Assert.Equal("{not", RpcReply.FromHttp(200, "application/json", "{not"u8).Text);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("5")]
    [InlineData("""{"swarm":[],"t":1,"hf":[19,4]}""")]
    [InlineData("""{"swarm":{"x":{"hash":5}},"t":1,"hf":[19,4]}""")]
    [InlineData("""{"swarm":{},"t":"1","hf":[19,4]}""")]
    [InlineData("""{"swarm":{},"t":1,"hf":[19]}""")]
    public void Malformed_recursive_replies_are_refused(string json) =>
        Assert.False(RpcJson.TryParse<SwarmResponse<StoreEntry>>(System.Text.Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("""{"messages":[{"hash":"h","timestamp":1,"expiration":2,"data":"!!"}],"more":false,"t":1,"hf":[19,4]}""")]
    [InlineData("""{"messages":{},"more":false,"t":1,"hf":[19,4]}""")]
    [InlineData("""{"messages":[],"more":"no","t":1,"hf":[19,4]}""")]
    [InlineData("""{"messages":[],"more":false,"t":1""")]
    public void Malformed_retrieve_replies_are_refused(string json) =>
        Assert.False(RpcJson.TryParse<RetrieveResponse>(System.Text.Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("""{"results":[{"code":200}]}""")]
    [InlineData("""{"results":[{"code":"200","body":{}}]}""")]
    [InlineData("""{"results":{}}""")]
    public void Malformed_batch_replies_are_refused(string json) =>
        Assert.False(RpcJson.TryParse<BatchResponse>(System.Text.Encoding.UTF8.GetBytes(json), out _));

    private static void RoundTripEntry<T>(T entry, string expected) where T : class, IRpcResponse<T>
    {
        Assert.Equal(expected, Json(entry));
        Assert.True(RpcJson.TryParse<T>(RpcJson.Serialize(entry), out var read));
        Assert.Equal(expected, Json(read));
    }

    /// <summary>Writes, reads back and writes again: both writes must agree. Returns the JSON.</summary>
    private static string RoundTrip<T>(T value) where T : IRpcResponse<T>
    {
        var json = Json(value);
        Assert.True(RpcJson.TryParse<T>(System.Text.Encoding.UTF8.GetBytes(json), out var read));
        Assert.Equal(json, Json(read));
        return json;
    }

    private static string Json(IRpcResponse value) => System.Text.Encoding.UTF8.GetString(RpcJson.Serialize(value));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
