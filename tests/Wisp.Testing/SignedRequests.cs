using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Testing;

/// <summary>Builds the <c>params</c> of signed storage requests the way a Session client does, for tests.</summary>
public static class SignedRequests
{
    public static string Sign(Ed25519KeyPair signer, byte[] message) => Convert.ToBase64String(Ed25519.Sign(signer, message));

    /// <summary>pubkey, pubkey_ed25519 and the signature of <paramref name="message"/> by the account.</summary>
    public static JsonObject Auth(Ed25519KeyPair account, byte[] message) => new()
    {
        ["pubkey"] = account.AccountId.Hex,
        ["pubkey_ed25519"] = account.PublicKey.ToHex(),
        ["signature"] = Sign(account, message),
    };

    public static JsonObject Store(Ed25519KeyPair account, int ns, byte[] data, long timestampMs, long ttlMs, bool signed)
    {
        var parameters = signed ? Auth(account, SignatureStrings.Store(ns, timestampMs)) : new JsonObject { ["pubkey"] = account.AccountId.Hex };
        parameters["namespace"] = ns;
        parameters["timestamp"] = timestampMs;
        parameters["ttl"] = ttlMs;
        parameters["data"] = Convert.ToBase64String(data);
        return parameters;
    }

    public static JsonObject Retrieve(Ed25519KeyPair account, int ns, long timestampMs, string? lastHash = null)
    {
        var parameters = Auth(account, SignatureStrings.Retrieve(ns, timestampMs));
        parameters["namespace"] = ns;
        parameters["timestamp"] = timestampMs;
        if (lastHash is not null)
            parameters["last_hash"] = lastHash;
        return parameters;
    }

    public static JsonObject Delete(Ed25519KeyPair account, params string[] hashes)
    {
        var parameters = Auth(account, SignatureStrings.Delete(hashes));
        parameters["messages"] = Hashes(hashes);
        return parameters;
    }

    public static JsonObject DeleteAll(Ed25519KeyPair account, NamespaceScope scope, long timestampMs)
    {
        var parameters = Auth(account, SignatureStrings.DeleteAll(scope, timestampMs));
        parameters["namespace"] = scope.IsAll ? "all" : scope.Single!.Value;
        parameters["timestamp"] = timestampMs;
        return parameters;
    }

    public static JsonObject DeleteBefore(Ed25519KeyPair account, NamespaceScope scope, long beforeMs)
    {
        var parameters = Auth(account, SignatureStrings.DeleteBefore(scope, beforeMs));
        parameters["namespace"] = scope.IsAll ? "all" : scope.Single!.Value;
        parameters["before"] = beforeMs;
        return parameters;
    }

    public static JsonObject Expire(Ed25519KeyPair account, ExpireConstraint constraint, long expiryMs, params string[] hashes)
    {
        var parameters = Auth(account, SignatureStrings.Expire(constraint, expiryMs, hashes));
        parameters["messages"] = Hashes(hashes);
        parameters["expiry"] = expiryMs;
        if (constraint == ExpireConstraint.ShortenOnly)
            parameters["shorten"] = true;
        if (constraint == ExpireConstraint.ExtendOnly)
            parameters["extend"] = true;
        return parameters;
    }

    public static JsonObject ExpireAll(Ed25519KeyPair account, NamespaceScope scope, long expiryMs)
    {
        var parameters = Auth(account, SignatureStrings.ExpireAll(scope, expiryMs));
        parameters["namespace"] = scope.IsAll ? "all" : scope.Single!.Value;
        parameters["expiry"] = expiryMs;
        return parameters;
    }

    public static JsonObject GetExpiries(Ed25519KeyPair account, long timestampMs, params string[] hashes)
    {
        var parameters = Auth(account, SignatureStrings.GetExpiries(timestampMs, hashes));
        parameters["messages"] = Hashes(hashes);
        parameters["timestamp"] = timestampMs;
        return parameters;
    }

    private static JsonArray Hashes(string[] hashes) => new([.. hashes.Select(h => JsonValue.Create(h))]);
}
