using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// Well-formed requests the node refuses: a bad time, TTL or signature. Each is <c>text/plain</c> with Session's
/// exact text and status (request_handler.cpp, the <c>process_client_req</c> overload of each method). The account
/// is fresh and lives on the node asked, so the swarm check (421) passes first.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class RefusalTests(ConformanceNetwork net)
{
    private const long Minute = 60_000;
    private const long Day = 24 * 60 * Minute;
    private static readonly string Hash = Convert.ToBase64String(new byte[32]).TrimEnd('=');
    private static readonly byte[] Wrong = "not what the node checks"u8.ToArray();
    private static readonly string OtherKey = NewKeyHex();

    private sealed record Case(string Method, Func<SessionAccount, long, JsonObject> Params, int Status, string Text);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // process_client_req(store): TTL, then the clock, then (outside public namespaces) the signature.
        ["store with a ttl under 10 s"] = new("store", (a, now) => Store(a, 0, now, 9_999), 403, "Provided expiry/TTL is not valid."),
        ["store in namespace 0 with a ttl over 14 days"] = new("store", (a, now) => Store(a, 0, now, (14 * Day) + 1), 403, "Provided expiry/TTL is not valid."),
        ["store in namespace 1 with a ttl over 30 days"] = new("store", (a, now) => a.Signed(ClientSigns.Store(1, now), Store(a, 1, now, (30 * Day) + 1)), 403, "Provided expiry/TTL is not valid."),
        ["store with a timestamp a minute ahead"] = new("store", (a, now) => Store(a, 0, now + Minute, Minute), 406, "Timestamp error: check your clock"),
        ["store that expired an hour ago"] = new("store", (a, now) => Store(a, 0, now - (120 * Minute), 60 * Minute), 406, "Timestamp error: check your clock"),
        ["unsigned store in namespace 1"] = new("store", (a, now) => Store(a, 1, now, Minute), 401, "store: signature required to store to namespace 1"),
        ["unsigned store in namespace -5"] = new("store", (a, now) => Store(a, -5, now, Minute), 401, "store: signature required to store to namespace -5"),
        ["store whose sig_timestamp is two minutes old"] = new("store", (a, now) =>
            a.Signed(ClientSigns.Store(1, now - (2 * Minute)), With(Store(a, 1, now, Minute), "sig_timestamp", now - (2 * Minute))), 406,
            "store signature timestamp too far from current time"),
        ["store with a wrong signature"] = new("store", (a, now) => a.Signed(Wrong, Store(a, 1, now, Minute)), 401, "store signature verification failed"),
        ["store whose pubkey_ed25519 is another key"] = new("store", (a, now) =>
            With(a.Signed(ClientSigns.Store(1, now), Store(a, 1, now, Minute)), "pubkey_ed25519", OtherKey), 401,
            "store signature verification failed"),
        // process_client_req(retrieve)
        ["unsigned retrieve from namespace 0"] = new("retrieve", (a, _) => new JsonObject { ["pubkey"] = a.Pubkey }, 401, "retrieve: request signature required"),
        ["retrieve with a two-minute-old timestamp"] = new("retrieve", (a, now) => a.Signed(ClientSigns.Retrieve(0, now - (2 * Minute)), new() { ["timestamp"] = now - (2 * Minute) }), 406,
            "retrieve timestamp too far from current time"),
        ["retrieve with a wrong signature"] = new("retrieve", (a, now) => a.Signed(Wrong, new() { ["timestamp"] = now }), 401, "retrieve signature verification failed"),
        // process_client_req(delete_msgs) and the by-time deletes
        ["delete with a wrong signature"] = new("delete", (a, _) => a.Signed(Wrong, new() { ["messages"] = new JsonArray(Hash) }), 401, "delete_msgs signature verification failed"),
        ["delete_all with a two-minute-old timestamp"] = new("delete_all", (a, now) => a.Signed(ClientSigns.DeleteAll(0, now - (2 * Minute)), new() { ["timestamp"] = now - (2 * Minute) }), 406,
            "delete_all timestamp too far from current time"),
        ["delete_all with a wrong signature"] = new("delete_all", (a, now) => a.Signed(Wrong, new() { ["timestamp"] = now }), 401, "delete_all signature verification failed"),
        ["delete_before two minutes ahead"] = new("delete_before", (a, now) => a.Signed(ClientSigns.DeleteBefore(0, now + (2 * Minute)), new() { ["before"] = now + (2 * Minute) }), 401,
            "delete_before timestamp too far in the future"),
        ["delete_before with a wrong signature"] = new("delete_before", (a, now) => a.Signed(Wrong, new() { ["before"] = now }), 401, "delete_before signature verification failed"),
        // process_client_req(expire_all), process_client_req(expire_msgs), process_client_req(get_expiries)
        ["expire_all two minutes in the past"] = new("expire_all", (a, now) => a.Signed(ClientSigns.ExpireAll(0, now - (2 * Minute)), new() { ["expiry"] = now - (2 * Minute) }), 406,
            "expire_all timestamp should be >= current time"),
        ["expire_all with a wrong signature"] = new("expire_all", (a, now) => a.Signed(Wrong, new() { ["expiry"] = now + Minute }), 401, "expire_all signature verification failed"),
        ["expire two minutes in the past"] = new("expire", (a, now) => a.Signed(ClientSigns.Expire("", [now - (2 * Minute)], Hash), new() { ["expiry"] = now - (2 * Minute), ["messages"] = new JsonArray(Hash) }), 401,
            "expire: timestamp should be >= current time"),
        ["expire with a wrong signature"] = new("expire", (a, now) => a.Signed(Wrong, new() { ["expiry"] = now + Minute, ["messages"] = new JsonArray(Hash) }), 401, "expire: signature verification failed"),
        ["get_expiries with a two-minute-old timestamp"] = new("get_expiries", (a, now) => a.Signed(ClientSigns.GetExpiries(now - (2 * Minute), Hash), new() { ["timestamp"] = now - (2 * Minute), ["messages"] = new JsonArray(Hash) }), 406,
            "get_expiries timestamp too far from current time"),
        ["get_expiries with a wrong signature"] = new("get_expiries", (a, now) => a.Signed(Wrong, new() { ["timestamp"] = now, ["messages"] = new JsonArray(Hash) }), 401,
            "get_expiries signature verification failed"),
        // process_client_req(revoke_subaccount), process_client_req(unrevoke_subaccount)
        ["revoke_subaccount with a two-minute-old timestamp"] = new("revoke_subaccount", (a, now) => Revocation(a, "revoke", now - (2 * Minute), signed: true), 406,
            "revoke_subaccount timestamp too far from current time"),
        ["revoke_subaccount with a wrong signature"] = new("revoke_subaccount", (a, now) => Revocation(a, "revoke", now, signed: false), 401, "revoke_subaccount signature verification failed"),
        ["unrevoke_subaccount with a two-minute-old timestamp"] = new("unrevoke_subaccount", (a, now) => Revocation(a, "unrevoke", now - (2 * Minute), signed: true), 406,
            "unrevoke_subaccount timestamp too far from current time"),
        ["unrevoke_subaccount with a wrong signature"] = new("unrevoke_subaccount", (a, now) => Revocation(a, "unrevoke", now, signed: false), 401,
            "unrevoke_subaccount signature verification failed"),
    };

    public static TheoryData<Via, string> All()
    {
        var data = new TheoryData<Via, string>();
        foreach (var via in new[] { Via.Https, Via.Onion })
        {
            foreach (var name in Cases.Keys)
                data.Add(via, name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task ARefusedRequestHasSessionsStatusAndText(Via via, string name)
    {
        var refusal = Cases[name];
        using var account = SessionAccount.NewSessionId();

        var answer = await net.RpcAsync(via, refusal.Method, refusal.Params(account, Clock.NowMs()));

        Expect.Text(answer, refusal.Status, refusal.Text);
    }

    private static JsonObject Store(SessionAccount account, int ns, long timestamp, long ttl) => new()
    {
        ["pubkey"] = account.Pubkey,
        ["namespace"] = ns,
        ["timestamp"] = timestamp,
        ["ttl"] = ttl,
        ["data"] = "aGVsbG8=",
    };

    private static JsonObject With(JsonObject parameters, string key, JsonNode value)
    {
        parameters[key] = value;
        return parameters;
    }

    private static string NewKeyHex()
    {
        using var other = Wisp.Crypto.Keys.Ed25519KeyPair.Generate();
        return other.PublicKey.ToHex();
    }

    private static JsonObject Revocation(SessionAccount account, string field, long timestamp, bool signed)
    {
        using var member = Wisp.Crypto.Keys.Ed25519KeyPair.Generate();
        var token = account.TokenFor(member, SubaccountFlags.Read);
        var message = field == "revoke" ? ClientSigns.Revoke(timestamp, token) : ClientSigns.Unrevoke(timestamp, token);
        return account.Signed(signed ? message : Wrong, new() { [field] = new JsonArray(Convert.ToBase64String(token)), ["timestamp"] = timestamp });
    }
}
