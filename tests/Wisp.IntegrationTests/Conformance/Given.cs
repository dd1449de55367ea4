using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>A message stored for a test: its hash, timestamp, expiry and data.</summary>
internal sealed record StoredMessage(string Hash, long Timestamp, long Expiry, byte[] Data);

/// <summary>Set-up steps (always straight to the first node over HTTPS): what a test needs to be true before it asks.</summary>
internal static class Given
{
    /// <summary>
    /// Stores <paramref name="size"/> random bytes for <paramref name="account"/> in <paramref name="ns"/> (signed
    /// outside the public namespaces) and checks the 200; every member has it when the store answers.
    /// </summary>
    public static async Task<StoredMessage> StoreAsync(
        this ConformanceNetwork net, SessionAccount account, int ns = 0, int size = 64, long ttl = 3_600_000, long? timestamp = null)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var at = timestamp ?? Clock.NowMs();
        var fields = new JsonObject
        {
            ["namespace"] = ns,
            ["timestamp"] = at,
            ["ttl"] = ttl,
            ["data"] = Convert.ToBase64String(data),
        };
        var parameters = ns % 10 == 0 ? account.Unsigned(fields) : account.Signed(ClientSigns.Store(ns, at), fields);
        var reply = Expect.Json(await net.RpcAsync(Via.Https, "store", parameters));
        var hash = reply.GetProperty("hash").GetString()!;
        Assert.Equal(MessageHash.Of(account.PubkeyBytes, ns, data), hash);
        return new StoredMessage(hash, at, at + ttl, data);
    }

    /// <summary>The params of a signed retrieve of <paramref name="ns"/>, plus <paramref name="extra"/>.</summary>
    public static JsonObject Retrieve(SessionAccount account, int ns = 0, JsonObject? extra = null)
    {
        var now = Clock.NowMs();
        var fields = extra ?? [];
        fields["namespace"] = ns;
        fields["timestamp"] = now;
        return account.Signed(ClientSigns.Retrieve(ns, now), fields);
    }

    /// <summary>The hashes a signed retrieve of <paramref name="ns"/> answers now (straight to the first node).</summary>
    public static async Task<string[]> HashesAsync(this ConformanceNetwork net, SessionAccount account, int ns = 0)
    {
        var reply = Expect.Json(await net.RpcAsync(Via.Https, "retrieve", Retrieve(account, ns)));
        return [.. reply.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()!)];
    }

    /// <summary>The expiries get_expiries answers now for <paramref name="hashes"/> (straight to the first node).</summary>
    public static async Task<Dictionary<string, long>> ExpiriesAsync(this ConformanceNetwork net, SessionAccount account, params string[] hashes)
    {
        var now = Clock.NowMs();
        var parameters = account.Signed(ClientSigns.GetExpiries(now, hashes), new() { ["timestamp"] = now, ["messages"] = Array(hashes) });
        var reply = Expect.Json(await net.RpcAsync(Via.Https, "get_expiries", parameters));
        return reply.GetProperty("expiries").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Array(IEnumerable<long> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    /// <summary>Sorted the way Session sorts hashes (std::sort of std::string: by byte).</summary>
    public static string[] Sorted(params string[] hashes) => [.. hashes.Order(StringComparer.Ordinal)];

    /// <summary>An object's numbers by key.</summary>
    public static Dictionary<string, long> Numbers(JsonElement map) => map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
}
