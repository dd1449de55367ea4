using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// The storage RPC bodies the client sends, <c>{"method","params"}</c>, in the shapes the request records of
/// <c>Wisp.Protocol.Rpc</c> parse (and Session's nodes take). Signatures are over <see cref="SignatureStrings"/>,
/// timestamps are the caller's (the network clock's). No I/O, no clock.
/// </summary>
internal static class SwarmRequests
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Store(StoragePubkey pubkey, int ns, ReadOnlySpan<byte> data, long timestampMs, long ttlMs, Ed25519KeyPair? signer)
    {
        var parameters = new JsonObject
        {
            ["pubkey"] = pubkey.Hex,
            ["namespace"] = ns,
            ["timestamp"] = timestampMs,
            ["ttl"] = ttlMs,
            ["data"] = Convert.ToBase64String(data),
        };
        if (signer is not null)
        {
            Sign(parameters, pubkey, signer, SignatureStrings.Store(ns, timestampMs));
            parameters["sig_timestamp"] = timestampMs;
        }
        return Envelope(StoreRequest.Method, parameters);
    }

    public static byte[] Retrieve(Ed25519KeyPair account, int ns, string? lastHash, int? maxCount, long timestampMs, int waitMs = 0)
    {
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var parameters = new JsonObject
        {
            ["pubkey"] = pubkey.Hex,
            ["namespace"] = ns,
            ["timestamp"] = timestampMs,
        };
        Sign(parameters, pubkey, account, SignatureStrings.Retrieve(ns, timestampMs));
        if (lastHash is not null)
            parameters["last_hash"] = lastHash;
        if (maxCount is not null)
            parameters["max_count"] = maxCount.Value;
        // Wisp's waiting retrieve; sent only when asked for, so a plain retrieve stays exactly Session's.
        if (waitMs > 0)
            parameters["wisp_wait_ms"] = waitMs;
        return Envelope(RetrieveRequest.Method, parameters);
    }

    public static byte[] Delete(Ed25519KeyPair account, IReadOnlyList<string> hashes)
    {
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var parameters = new JsonObject
        {
            ["pubkey"] = pubkey.Hex,
            ["messages"] = new JsonArray([.. hashes.Select(h => JsonValue.Create(h))]),
        };
        Sign(parameters, pubkey, account, SignatureStrings.Delete(hashes));
        return Envelope(DeleteRequest.Method, parameters);
    }

    public static byte[] GetSwarm(StoragePubkey pubkey) =>
        Envelope(GetSwarmRequest.Method, new JsonObject { ["pubkey"] = pubkey.Hex });

    public static byte[] Info() => Envelope(InfoRequest.Method, []);

    /// <summary>signature (and, for a 05 account, pubkey_ed25519: the node checks it converts to the account key).</summary>
    private static void Sign(JsonObject parameters, StoragePubkey pubkey, Ed25519KeyPair signer, byte[] message)
    {
        if (pubkey.IsAccount)
            parameters["pubkey_ed25519"] = signer.PublicKey.ToHex();
        parameters["signature"] = Convert.ToBase64String(Ed25519.Sign(signer, message));
    }

    private static byte[] Envelope(string method, JsonObject parameters) =>
        JsonSerializer.SerializeToUtf8Bytes<JsonNode>(new JsonObject { ["method"] = method, ["params"] = parameters }, Json);
}
