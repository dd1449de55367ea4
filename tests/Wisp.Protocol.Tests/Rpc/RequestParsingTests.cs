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
    [InlineData("""{"timestamp":1700000000000,"ttl":60000,"data":""}""", "Required field 'pubkey' missing")]
    [InlineData("""{"pubkey":"05ab","timestamp":1700000000000,"ttl":60000,"data":""}""", "Pubkey must be 66 hex digits (33 bytes) long")]
    [InlineData("""{"pubkey":"zzffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48","timestamp":1700000000000,"ttl":60000,"data":""}""", "Pubkey must be 66 hex digits (33 bytes) long")]
    [InlineData("""{"pubkey":5,"timestamp":1700000000000,"ttl":60000,"data":""}""", "Invalid value given for 'pubkey': expected string")]
    [InlineData("""{"pubkey":"PK","pubKey":"PK","timestamp":1700000000000,"ttl":60000,"data":""}""", "Cannot specify both 'pubkey' and 'pubKey'")]
    [InlineData("""{"pubkey":"PK","ttl":60000,"data":""}""", "Required field 'timestamp' missing")]
    [InlineData("""{"pubkey":"PK","timestamp":1.5,"ttl":60000,"data":""}""", "Invalid value given for 'timestamp': expected integer")]
    [InlineData("""{"pubkey":"PK","timestamp":"12x","ttl":60000,"data":""}""", "Invalid value given for 'timestamp': \"12x\"")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":"soon","data":""}""", "Invalid value given for 'ttl': \"soon\"")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":-1,"data":""}""", "Invalid value given for 'ttl': expected positive integer")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"data":""}""", "Required field 'expiry' or 'ttl' missing")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"expiry":1700000060000,"data":""}""", "Cannot specify both 'expiry' and 'ttl'")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"expiry":"1700000060000","data":""}""", "Invalid value given for 'expiry': expected integer timestamp (in milliseconds)")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"expiry":999999999,"data":""}""", "Invalid timestamp for 'expiry': timestamp must be in milliseconds")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000}""", "Required field 'data' missing")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":7}""", "Invalid value given for 'data': expected string")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"not base64!"}""", "Invalid 'data' value: not base64 encoded")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","namespace":32768}""", "Invalid value given for 'namespace': value out of range")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","namespace":"5"}""", "Invalid value given for 'namespace': expected 16-bit integer")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"short"}""", "invalid signature: expected base64 encoded Ed25519 signature")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","pubkey_ed25519":"abc"}""", "Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","sig_timestamp":"x"}""", "Invalid value given for 'sig_timestamp': expected integer timestamp (in milliseconds)")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","subaccount":"AAAA"}""", "invalid subaccount: subaccount_sig is required when using subaccount")]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000,"ttl":60000,"data":"","signature":"SIG","subaccount":"AAAA","subaccount_sig":"SIG"}""", "invalid subaccount: expected base64 or hex-encoded subaccount token")]
    public void Store_errors_are_sessions(string json, string message) =>
        Fails(StoreRequest.Parse(Params(json)), message);

    [Fact]
    public void The_first_error_is_the_first_field_in_alphabetical_order_then_sessions_check_order()
    {
        // "data" (wrong type) sorts before "namespace" (out of range): data's error comes first.
        Fails(StoreRequest.Parse(Params("""{"data":5,"namespace":99999,"pubkey":"PK"}""")), "Invalid value given for 'data': expected string");
        // Types all right: the missing timestamp is checked before the bad pubkey.
        Fails(StoreRequest.Parse(Params("""{"pubkey":"05","ttl":1,"data":""}""")), "Required field 'timestamp' missing");
        // delete: type errors first (required), then the pubkey, then the signature, then messages.
        Fails(DeleteRequest.Parse(Params("""{"messages":[],"pubkey":"PK","required":1}""")), "Invalid value given for 'required': expected boolean");
        Fails(DeleteRequest.Parse(Params("""{"messages":[],"pubkey":"PK"}""")), "Required field 'signature' missing");
    }

    [Fact]
    public void Store_refuses_oversized_data_with_sessions_400()
    {
        var data = new string('A', StorageLimits.MaxMessageBase64Chars + 4);
        Fails(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":60000,"data":"{{data}}"}""")),
            "Message body exceeds maximum allowed length of 76800 bytes");
        var largest = Convert.ToBase64String(new byte[StorageLimits.MaxMessageBytes]);
        Assert.Equal(StorageLimits.MaxMessageBytes,
            Ok(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":60000,"data":"{{largest}}"}"""))).Data.Length);
    }

    [Fact]
    public void Store_accepts_base64_as_session_does_unpadded_and_url_safe()
    {
        Assert.Equal(new byte[] { 0xfb, 0xff }, Ok(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":1,"data":"-_8"}"""))).Data);
        Assert.Equal(new byte[] { 0xfb, 0xff }, Ok(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":1,"data":"+/8="}"""))).Data);
        Fails(StoreRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","timestamp":{{Ts}},"ttl":1,"data":"AAAAA"}""")), "Invalid 'data' value: not base64 encoded");
    }

    [Fact]
    public void Pubkey_ed25519_is_only_for_accounts() =>
        Fails(StoreRequest.Parse(Params(
            $$"""{"pubkey":"{{GroupPk}}","timestamp":{{Ts}},"ttl":60000,"data":"","signature":"{{Sig}}","pubkey_ed25519":"{{Ed}}"}""")),
            "pubkey_ed25519 is only permitted for 05[...] pubkeys");

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
        Assert.True(request.CheckSignature);
    }

    [Fact]
    public void Retrieve_without_signature_parts_is_left_to_the_namespace_rule()
    {
        var request = Ok(RetrieveRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","namespace":-10,"lastHash":""}""")));
        Assert.Null(request.Signature);
        Assert.Null(request.LastHash);
        Assert.Null(request.EffectiveMaxCount);
        Assert.Equal(StorageLimits.RetrieveMaxSizeBytes / 5, request.EffectiveMaxSizeBytes);
        Assert.Null(Ok(RetrieveRequest.Parse(Params($$"""{"pubkey":"{{Pk}}"}"""))).Signature);
        Assert.Null(Ok(RetrieveRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","max_count":-4}"""))).EffectiveMaxCount);
    }

    [Theory]
    [InlineData("""{"pubkey":"PK","timestamp":1700000000000}""", "Required field 'signature' missing")]
    [InlineData("""{"pubkey":"PK","namespace":5}""", "Required field 'signature' missing")]
    [InlineData("""{"pubkey":"PK","last_hash":"abc"}""", "Invalid last_hash: expected base64 (43 chars)")]
    [InlineData("""{"pubkey":"PK","last_hash":"!bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"}""", "Invalid last_hash: not base64")]
    [InlineData("""{"pubkey":"PK","last_hash":5}""", "Invalid value given for 'last_hash': expected string")]
    [InlineData("""{"pubkey":"PK","last_hash":"HASH","lastHash":"HASH"}""", "Cannot specify both 'last_hash' and 'lastHash'")]
    [InlineData("""{"pubkey":"PK","max_size":"big"}""", "Invalid value given for 'max_size': expected integer")]
    [InlineData("""{}""", "Required field 'pubkey' missing")]
    public void Retrieve_errors_are_sessions(string json, string message) =>
        Fails(RetrieveRequest.Parse(Params(json)), message);

    [Theory]
    [InlineData("""{"pubkey":"PK","messages":["HASH"]}""", "Required field 'signature' missing")]
    [InlineData("""{"pubkey":"PK","signature":"SIG"}""", "Required field 'messages' missing")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":[]}""", "messages does not contain any message hashes")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":[1]}""", "Invalid value given for 'messages': expected string array")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":{}}""", "Invalid value given for 'messages': expected string array")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["nope"]}""", "invalid message hash: nope")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"required":"yes"}""", "Invalid value given for 'required': expected boolean")]
    public void Delete_errors_are_sessions(string json, string message) =>
        Fails(DeleteRequest.Parse(Params(json)), message);

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
    [InlineData("""{"pubkey":"PK","signature":"SIG"}""", "Required field 'timestamp' missing")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","timestamp":1700000000000,"namespace":"some"}""", "Invalid value given for 'namespace': expected integer or \"all\"")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","timestamp":1700000000000,"namespace":true}""", "Invalid value given for 'namespace': expected integer or \"all\"")]
    [InlineData("""{"namespace":true,"timestamp":"x"}""", "Invalid value given for 'namespace': expected integer or \"all\"")]
    public void Delete_all_errors_are_sessions(string json, string message) =>
        Fails(DeleteAllRequest.Parse(Params(json)), message);

    [Fact]
    public void Delete_before_and_expire_all_need_their_times()
    {
        Fails(DeleteBeforeRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}"}""")), "Required field 'before' missing");
        Fails(ExpireAllRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}"}""")), "Required field 'expiry' missing");
        Fails(GetExpiriesRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"]}""")), "Required field 'timestamp' missing");
        // "before" sorts before "namespace": its type error wins.
        Fails(DeleteBeforeRequest.Parse(Params("""{"before":-1,"namespace":"x"}""")), "Invalid value given for 'before': expected integer timestamp (in milliseconds)");
    }

    [Fact]
    public void Expire_reads_constraints_and_per_message_expiries()
    {
        var shorten = Ok(ExpireRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"],"expiry":{{Ts}},"shorten":true}""")));
        Assert.Equal(ExpireConstraint.ShortenOnly, shorten.Constraint);
        var extend = Ok(ExpireRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}"],"expiry":{{Ts}},"extend":true}""")));
        Assert.Equal(ExpireConstraint.ExtendOnly, extend.Constraint);
        Assert.Equal([Ts], extend.ExpiriesMs);
        var multi = Ok(ExpireRequest.Parse(Params($$"""{"pubkey":"{{Pk}}","signature":"{{Sig}}","messages":["{{H}}","{{H}}"],"expiry":[{{Ts}},{{Ts + 1}}]}""")));
        Assert.True(multi.IsMultiExpiry);
        Assert.Equal([Ts, Ts + 1], multi.ExpiriesMs);
    }

    [Theory]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":1700000000000,"shorten":true,"extend":true}""", "cannot specify both 'shorten' and 'extend'")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":[]}""", "'expiry' does not contain any expiration timestamps")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":[1,2]}""", "'expiry' must be a single expiry, or the same length as 'messages'")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"],"expiry":["x"]}""", "Invalid value given for 'expiry': expected timestamp array")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","messages":["HASH"]}""", "Required field 'expiry' missing")]
    [InlineData("""{"pubkey":"PK","signature":"SIG","expiry":1700000000000}""", "Required field 'messages' missing")]
    public void Expire_errors_are_sessions(string json, string message) =>
        Fails(ExpireRequest.Parse(Params(json)), message);

    [Fact]
    public void Get_swarm_takes_either_pubkey_spelling()
    {
        Assert.Equal(Pk, Ok(GetSwarmRequest.Parse(Params($$"""{"pubKey":"{{Pk}}"}"""))).Pubkey.Hex);
        Fails(GetSwarmRequest.Parse(Params("{}")), "Required field 'pubkey' missing");
        Fails(GetSwarmRequest.Parse(Params("""{"pubkey":"05"}""")), "Pubkey must be 66 hex digits/33 bytes long");
        Assert.NotNull(Ok(InfoRequest.Parse(Params("""{"anything":1}"""))));
    }

    [Fact]
    public void Batch_reads_up_to_twenty_requests()
    {
        var requests = string.Join(",", Enumerable.Repeat("""{"method":"info","params":{}}""", 20));
        var batch = Ok(BatchRequest.Parse(Params($$"""{"requests":[{{requests}}]}"""), stopOnFailure: true, _ => true, _ => null));
        Assert.Equal(20, batch.Requests.Count);
        Assert.True(batch.StopOnFailure);
        Assert.Equal("info", batch.Requests[0].Method);
    }

    [Theory]
    [InlineData("""{}""", "Invalid batch request: no valid \"requests\" field")]
    [InlineData("""{"requests":{}}""", "Invalid batch request: no valid \"requests\" field")]
    [InlineData("""{"requests":[]}""", "Invalid batch request: no valid \"requests\" field")]
    [InlineData("""{"requests":[5]}""", "Invalid batch request: requests must be objects")]
    [InlineData("""{"requests":[{"method":"info"}]}""", "Invalid batch request: subrequests must have method/params keys")]
    [InlineData("""{"requests":[{"method":"info","params":{}},{"method":"nope","params":{}}]}""", "Invalid batch subrequest: invalid method \"nope\"")]
    public void Batch_errors_are_sessions(string json, string message) =>
        Fails(BatchRequest.Parse(Params(json), stopOnFailure: false, m => m == "info", _ => null), message);

    [Fact]
    public void Batch_refuses_more_than_twenty()
    {
        var requests = string.Join(",", Enumerable.Repeat("""{"method":"info","params":{}}""", 21));
        Fails(BatchRequest.Parse(Params($$"""{"requests":[{{requests}}]}"""), stopOnFailure: false, _ => true, _ => null),
            "Invalid batch request: subrequest limit exceeded");
    }

    [Theory]
    [InlineData("""{}""", "Invalid ifelse request: no valid \"if\" field")]
    [InlineData("""{"if":{}}""", "Invalid ifelse request: must specify at least one \"if\" condition")]
    [InlineData("""{"if":{"hf_at_least":[]}}""", "Invalid ifelse request: must specify at least one \"if\" condition")]
    [InlineData("""{"if":{"hf_at_least":"19"}}""", "Invalid value given for 'hf_at_least': expected integer array")]
    [InlineData("""{"if":{"v_before":[2]},"then":5}""", "Invalid ifelse request: then must be an object")]
    [InlineData("""{"if":{"v_before":[2]},"then":{"method":"info"}}""", "Invalid ifelse request: then must have method/params keys")]
    [InlineData("""{"if":{"v_before":[2]},"else":{"method":"nope","params":{}}}""", "Invalid ifelse request method \"else\"")]
    [InlineData("""{"if":{"v_before":[2]}}""", "Invalid ifelse request: at least one of \"then\"/\"else\" required")]
    public void Ifelse_errors_are_sessions(string json, string message) =>
        Fails(IfElseRequest.Parse(Params(json), m => m == "info", _ => null), message);

    [Fact]
    public void Ifelse_conditions_pad_short_versions_and_all_must_hold()
    {
        var request = Ok(IfElseRequest.Parse(Params("""{"if":{"hf_at_least":[19],"v_before":[2,9],"height_at_least":5},"then":{"method":"info","params":{}}}"""),
            _ => true, _ => null));
        Assert.True(request.Condition.Holds(new HardFork(19, 4), new ServerVersion(2, 8, 0), 5));
        Assert.False(request.Condition.Holds(new HardFork(19, 4), new ServerVersion(2, 8, 0), 4));
        Assert.False(request.Condition.Holds(new HardFork(18, 9), new ServerVersion(2, 8, 0), 5));
        Assert.False(request.Condition.Holds(new HardFork(19, 4), new ServerVersion(2, 9, 0), 5));
        Assert.Null(request.Else);
    }

    [Theory]
    [InlineData("not json", "invalid json")]
    [InlineData("[1]", "invalid json: no `method` field")]
    [InlineData("""{"params":{}}""", "invalid json: no `method` field")]
    [InlineData("""{"method":5,"params":{}}""", "invalid json: no `method` field")]
    [InlineData("""{"method":"info"}""", "invalid json: no `params` field")]
    [InlineData("""{"method":"info","params":[]}""", "invalid json: no `params` field")]
    public void Envelope_errors_are_sessions(string body, string message)
    {
        Assert.False(RpcEnvelope.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out var envelope, out var error));
        Assert.Null(envelope);
        Assert.Equal((400, message), (error!.Status, error.Message));
    }

    [Fact]
    public void Envelope_refuses_deep_nesting()
    {
        var deep = """{"method":"info","params":{"x":""" + new string('[', 100) + new string(']', 100) + "}}";
        Assert.False(RpcEnvelope.TryParse(System.Text.Encoding.UTF8.GetBytes(deep), out _, out var error));
        Assert.Equal((400, "invalid json"), (error!.Status, error.Message));
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

    private static void Fails<T>(ParseResult<T> result, string message) where T : class
    {
        Assert.False(result.IsOk);
        Assert.Null(result.Value);
        Assert.Equal((400, message), (result.Error!.Status, result.Error.Message));
    }
}
