using System.Text.Json;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Rpc;

public sealed class RequestParsingTests
{
    private const string Pk = "05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";
    private const string GroupPk = "03ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";
    private const string Ed = "d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
    private const string H = "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs";
    private const long Ts = 1_700_000_000_000;
    private static readonly string Sig = Convert.ToBase64String(new byte[64]);

    [Fact]
    public void Store_reads_every_field()
    {
        var request = Ok(StoreRequest.Parse(Params(
            $$"""{"pubkey":"{{Pk}}","timestamp":"{{Ts}}","ttl":"60000","data":"aGk=","namespace":-42,"signature":"{{Sig}}","sig_timestamp":{{Ts + 5}},"pubkey_ed25519":"{{Ed}}"}""")));

        Assert.Equal(Pk, request.Pubkey.Hex);
        Assert.Equal(-42, request.Namespace);
        Assert.Equal(Ts, request.TimestampMs);
        Assert.Equal(Ts + 60_000, request.ExpiryMs);
        Assert.Equal("hi"u8.ToArray(), request.Data);
        Assert.Equal(Ts + 5, request.SignatureTimestampMs);
        Assert.Equal(Ed, request.Signature!.PubkeyEd25519!.ToHex());
        Assert.Equal(new byte[64], request.Signature.Signature);
    }

    [Fact]
    public void Store_defaults_namespace_and_signature_timestamp()
    {
        var request = Ok(StoreRequest.Parse(Params($$"""{"pubKey":"{{Pk}}","timestamp":{{Ts}},"expiry":{{Ts + 20_000}},"data":""}""")));
        Assert.Equal(0, request.Namespace);
        Assert.Equal(Ts + 20_000, request.ExpiryMs);
        Assert.Null(request.Signature);
        Assert.Equal(Ts, request.SignatureTimestampMs);
        Assert.Empty(request.Data);
    }

    [Fact]
    public void Store_accepts_unpadded_signatures()
    {
        var request = Ok(StoreRequest.Parse(Params(
            $$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":60000,"data":"","namespace":3,"signature":"{{Sig.TrimEnd('=')}}"}""")));
        Assert.Equal(new byte[64], request.Signature!.Signature);
    }

    [Theory]
    [InlineData("""{"timestamp":1700000000000,"ttl":60000,"data":""}""", 400, "params.pubkey is required")]
    [InlineData("""{"pubkey":"05ab","timestamp":1700000000000,"ttl":60000,"data":""}""", 400, "params.pubkey must be 66 hex characters")]
    [InlineData("""{"pubkey":"zzffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48","timestamp":1700000000000,"ttl":60000,"data":""}""", 400, "params.pubkey must be hex; character 1 is 'z'")]
    [InlineData("""{"pubkey":5,"timestamp":1700000000000,"ttl":60000,"data":""}""", 400, "params.pubkey must be a string")]
    [InlineData("""{"pubkey":"PK","pubKey":"PK","timestamp":1700000000000,"ttl":60000,"data":""}""", 400, "send only pubkey")]
    [InlineData("""{"pubkey":"PK","ttl":60000,"data":""}""", 400, "params.timestamp is required")]
    [InlineData("""{"pubkey":"PK","timestamp":1.5,"ttl":60000,"data":""}""", 400, "params.timestamp must be an integer Unix timestamp in milliseconds")]
    [InlineData("""{"pubkey":"PK","timestamp":999999999,"ttl":60000,"data":""}""", 400, "params.timestamp must be in milliseconds, not seconds")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":"soon","data":""}""", 400, "params.ttl must be an integer number of milliseconds")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":-1,"data":""}""", 400, "params.ttl must be an integer number of milliseconds")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"data":""}""", 400, "params.ttl (lifetime in ms) or params.expiry (Unix ms) is required")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"expiry":1700000060000,"data":""}""", 400, "send only one")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"expiry":"1700000060000","data":""}""", 400, "params.expiry must be an integer Unix timestamp")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000}""", 400, "params.data is required")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":7}""", 400, "params.data must be a base64 string")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"not base64!"}""", 400, "params.data is not valid base64")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","namespace":32768}""", 400, "params.namespace must be between -32768 and 32767; got 32768")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","namespace":"5"}""", 400, "params.namespace must be an integer")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"short"}""", 400, "params.signature must be a base64 Ed25519 signature")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","pubkey_ed25519":"abc"}""", 400, "params.pubkey_ed25519 must be the account's Ed25519 public key")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","sig_timestamp":"x"}""", 400, "params.sig_timestamp must be an integer")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","subaccount":"AAAA"}""", 400, "params.subaccount is not supported")]
    public void Store_errors_name_the_field(string json, int status, string message) =>
        Fails(StoreRequest.Parse(Params(json)), status, message);

    [Fact]
    public void Store_refuses_oversized_data_before_decoding()
    {
        var data = new string('A', StorageLimits.MaxMessageBase64Chars + 4);
        Fails(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":60000,"data":"{{data}}"}""")),
            413, "76800-byte message limit");
        var largest = Convert.ToBase64String(new byte[StorageLimits.MaxMessageBytes]);
        Assert.Equal(StorageLimits.MaxMessageBytes,
            Ok(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":60000,"data":"{{largest}}"}"""))).Data.Length);
    }

    [Fact]
    public void Pubkey_ed25519_is_only_for_accounts() =>
        Fails(StoreRequest.Parse(Params(
            $$"""{"pubkey":"{{GroupPk}}","timestamp":{{Ts}},"ttl":60000,"data":"","signature":"{{Sig}}","pubkey_ed25519":"{{Ed}}"}""")),
            400, "only permitted for 05 (account) pubkeys");

    [Fact]
    public void Retrieve_reads_every_field()
    {
        var request = Ok(RetrieveRequest.Parse(Params(
            $$"""{"pubkey":"{{Pk}}","namespace":5,"last_hash":"{{H}}","max_count":10,"max_size":-2,"timestamp":{{Ts}},"signature":"{{Sig}}","pubkey_ed25519":"{{Ed}}"}""")));
        Assert.Equal(5, request.Namespace);
        Assert.Equal(H, request.LastHash);
        Assert.Equal(10, request.EffectiveMaxCount);
        Assert.Equal(3_900_000, request.EffectiveMaxSizeBytes);
        Assert.Equal(Ts, request.TimestampMs);
    }

    [Fact]
    public void Retrieve_without_signature_parts_is_left_to_the_namespace_rule()
    {
        var request = Ok(RetrieveRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","namespace":-10,"lastHash":""}""")));
        Assert.Null(request.Signature);
        Assert.Null(request.LastHash);
        Assert.Equal(StorageLimits.RetrieveMaxCount, request.EffectiveMaxCount);
        Assert.Null(Ok(RetrieveRequest.Parse(Params($$"""{"pubkey":"{{Pk}}"}"""))).Signature);
    }

    [Theory]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000}""", 400, "params.signature is required")]
    [InlineData("""{"pubkey":"PK","signature":"SIG"}""", 400, "params.timestamp is required")]
    [InlineData("""{"pubkey":"PK","last_hash":"abc"}""", 400, "params.last_hash must be a message hash (43 base64 characters)")]
    [InlineData("""{"pubkey":"PK","last_hash":5}""", 400, "params.last_hash must be a message hash string")]
    [InlineData("""{"pubkey":"PK","last_hash":"HASH","lastHash":"HASH"}""", 400, "send only last_hash")]
    [InlineData("""{"pubkey":"PK","max_count":-1}""", 400, "params.max_count must be zero or a positive number")]
    [InlineData("""{"pubkey":"PK","max_size":"big"}""", 400, "params.max_size must be an integer")]
    [InlineData("""{"pubkey":"PK","max_count":99999999999}""", 400, "params.max_count must be an integer")]
    public void Retrieve_errors_name_the_field(string json, int status, string message) =>
        Fails(RetrieveRequest.Parse(Params(json)), status, message);

    [Theory]
    [InlineData("""{"pubkey":"PK","messages":["HASH"]}""", 400, "params.signature is required")]
    [InlineData("""{"pubkey":"PK","signature":"SIG"}""", 400, "params.messages is required")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":[]}""", 400, "params.messages must contain at least one message hash")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":[1]}""", 400, "params.messages must be an array of message hash strings")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":{}}""", 400, "params.messages must be an array of message hash strings")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["nope"]}""", 400, "params.messages contains \"nope\", which is not a message hash")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"required":"yes"}""", 400, "params.required must be true or false")]
    public void Delete_errors_name_the_field(string json, int status, string message) =>
        Fails(DeleteRequest.Parse(Params(json)), status, message);

    [Fact]
    public void Delete_accepts_a_single_hash_string()
    {
        var request = Ok(DeleteRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":"{{H}}","required":true}""")));
        Assert.Equal([H], request.Messages);
        Assert.True(request.Required);
    }

    [Fact]
    public void Delete_all_reads_all_namespaces()
    {
        Assert.True(Ok(DeleteAllRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","timestamp":{{Ts}},"namespace":"all"}"""))).Namespace.IsAll);
        Assert.Equal(0, Ok(DeleteAllRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","timestamp":{{Ts}}}"""))).Namespace.Single);
        Assert.Equal(-5, Ok(DeleteBeforeRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","before":{{Ts}},"namespace":-5}"""))).Namespace.Single);
        Assert.True(Ok(ExpireAllRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","expiry":{{Ts}},"namespace":"all"}"""))).Namespace.IsAll);
    }

    [Theory]
    [InlineData("""{"pubkey":"PK","signature":"SIG"}""", "params.timestamp is required")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","timestamp":1700000000000,"namespace":"some"}""", "params.namespace must be an integer or \"all\"")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","timestamp":1700000000000,"namespace":true}""", "params.namespace must be an integer")]
    public void Delete_all_errors_name_the_field(string json, string message) =>
        Fails(DeleteAllRequest.Parse(Params(json)), 400, message);

    [Fact]
    public void Delete_before_and_expire_all_need_their_times()
    {
        Fails(DeleteBeforeRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}"}""")), 400, "params.before is required");
        Fails(ExpireAllRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}"}""")), 400, "params.expiry is required");
        Fails(GetExpiriesRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"]}""")), 400, "params.timestamp is required");
    }

    [Fact]
    public void Expire_reads_constraints()
    {
        var shorten = Ok(ExpireRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"],"expiry":{{Ts}},"shorten":true}""")));
        Assert.Equal(ExpireConstraint.ShortenOnly, shorten.Constraint);
        var extend = Ok(ExpireRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"],"expiry":{{Ts}},"extend":true}""")));
        Assert.Equal(ExpireConstraint.ExtendOnly, extend.Constraint);
        Assert.Equal(Ts, extend.ExpiryMs);
    }

    [Theory]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":1700000000000,"shorten":true,"extend":true}""", "params.shorten and params.extend cannot both be true")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":[1700000000000]}""", "per-message expiry arrays are not supported")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"]}""", "params.expiry is required")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","expiry":1700000000000}""", "params.messages is required")]
    public void Expire_errors_name_the_field(string json, string message) =>
        Fails(ExpireRequest.Parse(Params(json)), 400, message);

    [Fact]
    public void Get_swarm_takes_either_pubkey_spelling()
    {
        Assert.Equal(Pk, Ok(GetSwarmRequest.Parse(Params($$"""{"pubKey":"{{Pk}}"}"""))).Pubkey.Hex);
        Fails(GetSwarmRequest.Parse(Params("{}")), 400, "params.pubkey is required");
        Assert.NotNull(Ok(InfoRequest.Parse(Params("""{"anything":1}"""))));
    }

    [Fact]
    public void Batch_reads_up_to_twenty_requests()
    {
        var requests = string.Join(",", Enumerable.Repeat("""{"method":"info","params":{}}""", 20));
        var batch = Ok(BatchRequest.Parse(Params($$"""{"requests":[{{requests}}]}"""), stopOnFailure: true));
        Assert.Equal(20, batch.Requests.Count);
        Assert.True(batch.StopOnFailure);
        Assert.Equal("info", batch.Requests[0].Method);
    }

    [Theory]
    [InlineData("""{}""", "params.requests is required")]
    [InlineData("""{"requests":{}}""", "params.requests is required")]
    [InlineData("""{"requests":[]}""", "params.requests must contain at least one request")]
    [InlineData("""{"requests":[5]}""", "params.requests[0] must be an object")]
    [InlineData("""{"requests":[{"method":"info"}]}""", "params.requests[0] must be an object with a string \"method\" and an object \"params\"")]
    [InlineData("""{"requests":[{"method":"info","params":{}},{"method":"batch","params":{}}]}""", "params.requests[1] is a batch; batches cannot be nested")]
    public void Batch_errors_say_what_is_wrong(string json, string message) =>
        Fails(BatchRequest.Parse(Params(json), stopOnFailure: false), 400, message);

    [Fact]
    public void Batch_refuses_more_than_twenty()
    {
        var requests = string.Join(",", Enumerable.Repeat("""{"method":"info","params":{}}""", 21));
        Fails(BatchRequest.Parse(Params($$"""{"requests":[{{requests}}]}"""), stopOnFailure: false), 400, "holds 21 requests; at most 20");
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "no string \"method\" field")]
    [InlineData("""{"params":{}}""", "no string \"method\" field")]
    [InlineData("""{"method":"info"}""", "no \"params\" object")]
    [InlineData("""{"method":"info","params":[]}""", "no \"params\" object")]
    public void Envelope_errors_say_what_is_wrong(string body, string message)
    {
        Assert.False(RpcEnvelope.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out var envelope, out var error));
        Assert.Null(envelope);
        Assert.Equal(400, error!.Status);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Envelope_refuses_deep_nesting()
    {
        var deep = """{"method":"info","params":{"x":""" + new string('[', 100) + new string(']', 100) + "}}";
        Assert.False(RpcEnvelope.TryParse(System.Text.Encoding.UTF8.GetBytes(deep), out _, out var error));
        Assert.Equal(400, error!.Status);
    }

    [Fact]
    public void Envelope_reads_method_and_params()
    {
        Assert.True(RpcEnvelope.TryParse("""{"jsonrpc":"2.0","method":"info","params":{"a":1}}"""u8.ToArray(), out var envelope, out _));
        using (envelope)
        {
            Assert.Equal("info", envelope!.Method);
            Assert.Equal(1, envelope.Params.GetProperty("a").GetInt32());
        }
    }

    private static JsonElement Params(string json) =>
        JsonDocument.Parse(json.Replace("\"PK\"", $"\"{Pk}\"").Replace("\"SIG\"", $"\"{Sig}\"").Replace("\"HASH\"", $"\"{H}\"")).RootElement;

    private static T Ok<T>(ParseResult<T> result) where T : class
    {
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value!;
    }

    private static void Fails<T>(ParseResult<T> result, int status, string message) where T : class
    {
        Assert.False(result.IsOk);
        Assert.Null(result.Value);
        Assert.Equal(status, result.Error!.Status);
        Assert.Contains(message, result.Error.Message);
    }
}
