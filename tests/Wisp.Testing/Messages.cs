using System.Security.Cryptography;
using System.Text.Json;

namespace Wisp.Testing;

/// <summary>Makers of store requests and stored messages for tests.</summary>
public static class Messages
{
    /// <summary>A random, well-formed Account ID (05 + 64 hex).</summary>
    public static string RandomAccount() => "05" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A random 43-character unpadded base64 hash, as the store keeps them.</summary>
    public static string RandomHash() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

    /// <summary>The params of a namespace-0 store (no signature needed there).</summary>
    public static string StoreParams(string pubkey, byte[] data, long timestampMs, long ttlMs = 3_600_000) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["pubkey"] = pubkey,
            ["timestamp"] = timestampMs,
            ["ttl"] = ttlMs,
            ["data"] = Convert.ToBase64String(data),
        });

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
