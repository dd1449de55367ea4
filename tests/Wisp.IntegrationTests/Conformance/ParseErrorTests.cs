using System.Globalization;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// Params a method cannot parse: 400 <c>text/plain</c> <c>"invalid request: " + what</c> (request_handler.cpp
/// <c>process_client_req(method, params)</c> catching <c>parse_error</c>), the first error in Session's order
/// (client_rpc_endpoints.cpp: every field's type first, alphabetically, then the required ones). Placeholders in
/// the params: {PK} a Session ID, {GK} a group (03) key, {SIG} a well-formed signature, {NOW} now in ms, {H} a
/// well-formed message hash, {TOKEN} a well-formed subaccount token, {BIG} 102,404 base64 characters.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ParseErrorTests(ConformanceNetwork net)
{
    private static readonly (string Method, string Params, string Error)[] Cases =
    [
        // client_rpc_endpoints.cpp load(store&)
        ("store", "{}", "Required field 'timestamp' missing"),
        ("store", """{"data":5}""", "Invalid value given for 'data': expected string"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"data":"aGk="}""", "Required field 'expiry' or 'ttl' missing"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"expiry":{NOW},"data":"aGk="}""", "Cannot specify both 'expiry' and 'ttl'"),
        ("store", """{"timestamp":{NOW},"ttl":60000,"data":"aGk="}""", "Required field 'pubkey' missing"),
        ("store", """{"pubkey":"{PK}","pubKey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk="}""", "Cannot specify both 'pubkey' and 'pubKey'"),
        ("store", """{"pubkey":"05abcd","timestamp":{NOW},"ttl":60000,"data":"aGk="}""", "Pubkey must be 66 hex digits (33 bytes) long"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000}""", "Required field 'data' missing"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"%%%%"}""", "Invalid 'data' value: not base64 encoded"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"{BIG}"}""", "Message body exceeds maximum allowed length of 76800 bytes"),
        ("store", """{"pubkey":"{PK}","timestamp":true,"ttl":60000,"data":"aGk="}""", "Invalid value given for 'timestamp': expected integer"),
        ("store", """{"pubkey":"{PK}","timestamp":"soon","ttl":60000,"data":"aGk="}""", "Invalid value given for 'timestamp': \"soon\""),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":-5,"data":"aGk="}""", "Invalid value given for 'ttl': expected positive integer"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk=","namespace":32768}""", "Invalid value given for 'namespace': value out of range"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk=","namespace":"all"}""", "Invalid value given for 'namespace': expected 16-bit integer"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"expiry":1700000,"data":"aGk="}""", "Invalid timestamp for 'expiry': timestamp must be in milliseconds"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"abc"}""", "invalid signature: expected base64 encoded Ed25519 signature"),
        ("store", """{"pubkey":"{GK}","pubkey_ed25519":"{PKED}","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"{SIG}"}""", "pubkey_ed25519 is only permitted for 05[...] pubkeys"),
        ("store", """{"pubkey":"{PK}","pubkey_ed25519":"{NOTHEX}","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"{SIG}"}""", "invalid pubkey_ed25519: value is not hex"),
        ("store", """{"pubkey":"{PK}","pubkey_ed25519":"abcd","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"{SIG}"}""", "Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"{SIG}","subaccount":"{TOKEN}"}""", "invalid subaccount: subaccount_sig is required when using subaccount"),
        ("store", """{"pubkey":"{PK}","timestamp":{NOW},"ttl":60000,"data":"aGk=","signature":"{SIG}","subaccount":"xyz","subaccount_sig":"{SIG}"}""", "invalid subaccount: expected base64 or hex-encoded subaccount token"),
        // load(retrieve&)
        ("retrieve", "{}", "Required field 'pubkey' missing"),
        ("retrieve", """{"pubkey":12345}""", "Invalid value given for 'pubkey': expected string"),
        ("retrieve", """{"pubkey":"{PK}","namespace":0}""", "Required field 'signature' missing"),
        ("retrieve", """{"pubkey":"{PK}","timestamp":{NOW}}""", "Required field 'signature' missing"),
        ("retrieve", """{"pubkey":"{PK}","namespace":-10,"last_hash":"short"}""", "Invalid last_hash: expected base64 (43 chars)"),
        ("retrieve", """{"pubkey":"{PK}","namespace":-10,"last_hash":"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"}""", "Invalid last_hash: not base64"),
        ("retrieve", """{"pubkey":"{PK}","namespace":-10,"last_hash":"{H}","lastHash":"{H}"}""", "Cannot specify both 'last_hash' and 'lastHash'"),
        ("retrieve", """{"pubkey":"{PK}","namespace":-10,"max_count":"5"}""", "Invalid value given for 'max_count': expected integer"),
        ("retrieve", """{"pubkey":"{PK}","timestamp":1700000,"signature":"{SIG}"}""", "Invalid timestamp for 'timestamp': timestamp must be in milliseconds"),
        // load(delete_msgs&)
        ("delete", "{}", "Required field 'pubkey' missing"),
        ("delete", """{"pubkey":"{PK}","messages":["{H}"]}""", "Required field 'signature' missing"),
        ("delete", """{"pubkey":"{PK}","signature":"{SIG}"}""", "Required field 'messages' missing"),
        ("delete", """{"pubkey":"{PK}","signature":"{SIG}","messages":[]}""", "messages does not contain any message hashes"),
        ("delete", """{"pubkey":"{PK}","signature":"{SIG}","messages":["nope"]}""", "invalid message hash: nope"),
        ("delete", """{"pubkey":"{PK}","signature":"{SIG}","messages":[1]}""", "Invalid value given for 'messages': expected string array"),
        ("delete", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"required":"yes"}""", "Invalid value given for 'required': expected boolean"),
        // load(delete_all&), load(delete_before&), load(expire_all&)
        ("delete_all", """{"pubkey":"{PK}","signature":"{SIG}"}""", "Required field 'timestamp' missing"),
        ("delete_all", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW},"namespace":"some"}""", "Invalid value given for 'namespace': expected integer or \"all\""),
        ("delete_before", """{"pubkey":"{PK}","signature":"{SIG}"}""", "Required field 'before' missing"),
        ("expire_all", """{"pubkey":"{PK}","signature":"{SIG}"}""", "Required field 'expiry' missing"),
        ("expire_all", """{"pubkey":"{PK}","signature":"{SIG}","expiry":"later"}""", "Invalid value given for 'expiry': expected integer timestamp (in milliseconds)"),
        // load(expire_msgs&)
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"]}""", "Required field 'expiry' missing"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"expiry":[]}""", "'expiry' does not contain any expiration timestamps"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"expiry":[-1]}""", "Invalid value given for 'expiry': expected timestamp array"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"expiry":{NOW},"shorten":true,"extend":true}""", "cannot specify both 'shorten' and 'extend'"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","expiry":{NOW}}""", "Required field 'messages' missing"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"expiry":[{NOW},{NOW}]}""", "'expiry' must be a single expiry, or the same length as 'messages'"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["x"],"expiry":{NOW}}""", "invalid message hash: x"),
        ("expire", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"],"expiry":{NOW},"shorten":"yes"}""", "Invalid value given for 'shorten': expected boolean"),
        // load(get_expiries&)
        ("get_expiries", """{"pubkey":"{PK}","signature":"{SIG}","messages":["{H}"]}""", "Required field 'timestamp' missing"),
        ("get_expiries", """{"pubkey":"{PK}","signature":"{SIG}","messages":[],"timestamp":{NOW}}""", "messages does not contain any message hashes"),
        // load(get_swarm&)
        ("get_swarm", "{}", "Required field 'pubkey' missing"),
        ("get_swarm", """{"pubkey":"05ab"}""", "Pubkey must be 66 hex digits/33 bytes long"),
        ("get_snodes_for_pubkey", "{}", "Required field 'pubkey' missing"),
        // load(revoke_subaccount&), load(unrevoke_subaccount&)
        ("revoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW}}""", "Required field 'revoke' missing"),
        ("revoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW},"revoke":["abc"]}""", "invalid revoke: expected base64 or hex-encoded subaccount tag"),
        ("revoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW},"revoke":[{TOKENS51}]}""", "invalid revoke: cannot revoke more than 50 subaccounts at once"),
        ("revoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","revoke":["{TOKEN}"]}""", "Required field 'timestamp' missing"),
        ("unrevoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","unrevoke":["{TOKEN}"]}""", "Required field 'timestamp' missing"),
        ("unrevoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW}}""", "Required field 'unrevoke' missing"),
        ("unrevoke_subaccount", """{"pubkey":"{PK}","signature":"{SIG}","timestamp":{NOW},"unrevoke":["abc"]}""", "invalid unrevoke: expected base64 or hex-encoded subaccount tag"),
        // load(oxend_request&)
        ("oxend_request", "{}", "Required field 'endpoint' missing"),
        ("oxend_request", """{"endpoint":"get_info"}""", "Invalid oxend endpoint 'get_info'"),
        // batch::load_from (sequence inherits it)
        ("batch", "{}", "Invalid batch request: no valid \"requests\" field"),
        ("batch", """{"requests":[]}""", "Invalid batch request: no valid \"requests\" field"),
        ("batch", """{"requests":[{INFO21}]}""", "Invalid batch request: subrequest limit exceeded"),
        ("batch", """{"requests":[5]}""", "Invalid batch request: requests must be objects"),
        ("batch", """{"requests":[{"method":"info"}]}""", "Invalid batch request: subrequests must have method/params keys"),
        ("batch", """{"requests":[{"method":"nope","params":{}}]}""", "Invalid batch subrequest: invalid method \"nope\""),
        ("batch", """{"requests":[{"method":"batch","params":{"requests":[{"method":"info","params":{}}]}}]}""", "Invalid batch subrequest: subrequests may not contain meta-requests"),
        ("batch", """{"requests":[{"method":"info","params":{}},{"method":"retrieve","params":{}}]}""", "Required field 'pubkey' missing"),
        ("sequence", "{}", "Invalid batch request: no valid \"requests\" field"),
        ("sequence", """{"requests":[{"method":"ifelse","params":{"if":{"hf_at_least":[19]},"then":{"method":"info","params":{}}}}]}""", "Invalid batch subrequest: subrequests may not contain meta-requests"),
        // ifelse::load_from, load_condition, load_ifelse_request (which names the branch, not the method)
        ("ifelse", "{}", "Invalid ifelse request: no valid \"if\" field"),
        ("ifelse", """{"if":{},"then":{"method":"info","params":{}}}""", "Invalid ifelse request: must specify at least one \"if\" condition"),
        ("ifelse", """{"if":{"hf_at_least":"19"},"then":{"method":"info","params":{}}}""", "Invalid value given for 'hf_at_least': expected integer array"),
        ("ifelse", """{"if":{"hf_at_least":[19,0]}}""", "Invalid ifelse request: at least one of \"then\"/\"else\" required"),
        ("ifelse", """{"if":{"hf_at_least":[19,0]},"then":5}""", "Invalid ifelse request: then must be an object"),
        ("ifelse", """{"if":{"hf_at_least":[19,0]},"else":{"method":"info"}}""", "Invalid ifelse request: else must have method/params keys"),
        ("ifelse", """{"if":{"hf_at_least":[19,0]},"then":{"method":"nope","params":{}}}""", "Invalid ifelse request method \"then\""),
        ("ifelse", """{"if":{"hf_at_least":[19,0]},"then":{"method":"retrieve","params":{}}}""", "Required field 'pubkey' missing"),
    ];

    public static TheoryData<Via, string, string, string> All()
    {
        var data = new TheoryData<Via, string, string, string>();
        foreach (var via in new[] { Via.Https, Via.Onion })
        {
            foreach (var (method, parameters, error) in Cases)
                data.Add(via, method, parameters, error);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task MalformedParamsAre400InvalidRequestWithSessionsText(Via via, string method, string parameters, string error)
    {
        var body = $"{{\"method\":\"{method}\",\"params\":{Fill(parameters)}}}";

        Expect.Text(await net.CallAsync(via, body), 400, "invalid request: " + error);
    }

    private static string Fill(string parameters)
    {
        using var account = SessionAccount.NewSessionId();
        using var group = SessionAccount.NewGroup();
        var token = Convert.ToBase64String(account.TokenFor(group.Keys, SubaccountFlags.Read));
        return parameters
            .Replace("{PKED}", account.Keys.PublicKey.ToHex(), StringComparison.Ordinal)
            .Replace("{PK}", account.Pubkey, StringComparison.Ordinal)
            .Replace("{GK}", group.Pubkey, StringComparison.Ordinal)
            .Replace("{SIG}", Convert.ToBase64String(new byte[64]), StringComparison.Ordinal)
            .Replace("{NOW}", Clock.NowMs().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{H}", Convert.ToBase64String(new byte[32]).TrimEnd('='), StringComparison.Ordinal)
            .Replace("{TOKENS51}", string.Join(",", Enumerable.Repeat($"\"{token}\"", 51)), StringComparison.Ordinal)
            .Replace("{TOKEN}", token, StringComparison.Ordinal)
            .Replace("{NOTHEX}", new string('z', 64), StringComparison.Ordinal)
            .Replace("{BIG}", new string('A', 102_404), StringComparison.Ordinal)
            .Replace("{INFO21}", string.Join(",", Enumerable.Repeat(Rpc.Body("info", new JsonObject()), 21)), StringComparison.Ordinal);
    }
}
