using System.Globalization;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// Reads typed fields out of a request's <c>params</c> object. The first problem found is kept in <see cref="Error"/>
/// and later reads return defaults, so a parser reads every field and checks <see cref="Error"/> once.
/// Messages name the field as <c>params.&lt;name&gt;</c> and say what was expected.
/// </summary>
internal sealed class ParamReader(JsonElement parameters)
{
    /// <summary>The first problem found, if any.</summary>
    public RpcError? Error { get; private set; }

    /// <summary>True once a problem was found.</summary>
    public bool Failed => Error is not null;

    /// <summary>Records a failure (only the first one is kept) and returns default.</summary>
    public T? Fail<T>(string message, int status = RpcStatus.BadRequest)
    {
        Error ??= new RpcError(status, message);
        return default;
    }

    /// <summary>Records a failure (only the first one is kept).</summary>
    public void Fail(string message, int status = RpcStatus.BadRequest) => Error ??= new RpcError(status, message);

    /// <summary>The field, or null when it is absent or JSON null (Session treats both as omitted).</summary>
    public JsonElement? Field(string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary><c>pubkey</c> (or the legacy alias <c>pubKey</c>): 66 hex characters.</summary>
    public StoragePubkey? Pubkey(bool allowLegacyAlias = false)
    {
        var name = "pubkey";
        var field = Field(name);
        if (allowLegacyAlias && Field("pubKey") is { } alias)
        {
            if (field is not null)
                return Fail<StoragePubkey>("params.pubkey and params.pubKey are the same field; send only pubkey");
            field = alias;
            name = "pubKey";
        }
        if (field is not { } value)
            return Fail<StoragePubkey>("params.pubkey is required: the 66-hex-character address (prefix byte and key)");
        if (value.ValueKind != JsonValueKind.String)
            return Fail<StoragePubkey>($"params.{name} must be a string of 66 hex characters");
        return StoragePubkey.TryParse(value.GetString(), out var pubkey, out var error)
            ? pubkey
            : Fail<StoragePubkey>($"params.{name} {error}");
    }

    /// <summary>The request signature fields: <c>signature</c> (base64, 64 bytes) and <c>pubkey_ed25519</c> (hex, 05 pubkeys only).</summary>
    public RequestSignature? Signature(StoragePubkey? pubkey)
    {
        RejectSubaccount();
        var signature = SignatureBytes();
        Ed25519PublicKey? ed25519 = null;
        if (Field("pubkey_ed25519") is { } edField)
        {
            if (pubkey is not null && !pubkey.IsAccount)
                return Fail<RequestSignature>("params.pubkey_ed25519 is only permitted for 05 (account) pubkeys; other pubkeys are their own Ed25519 key");
            if (edField.ValueKind != JsonValueKind.String || edField.GetString() is not { Length: 64 } edHex || !IsHex(edHex))
                return Fail<RequestSignature>("params.pubkey_ed25519 must be the account's Ed25519 public key as 64 hex characters");
            ed25519 = Ed25519PublicKey.FromHex(edHex);
        }
        return signature is null ? null : new RequestSignature(signature, ed25519);
    }

    /// <summary>Requests signed by a subaccount token are not supported yet; say so instead of failing the signature.</summary>
    public void RejectSubaccount()
    {
        if (Field("subaccount") is not null || Field("subaccount_sig") is not null)
            Fail("params.subaccount is not supported by this node; sign with the account's own key");
    }

    private byte[]? SignatureBytes()
    {
        if (Field("signature") is not { } field)
            return Fail<byte[]>("params.signature is required: a base64 Ed25519 signature (64 bytes) by the owner");
        if (field.ValueKind != JsonValueKind.String)
            return Fail<byte[]>("params.signature must be a base64 string (64 bytes)");
        var text = field.GetString()!;
        var bytes = new byte[64];
        if (!(text.Length == 86 || (text.Length == 88 && text.EndsWith("==", StringComparison.Ordinal)))
            || !Convert.TryFromBase64String(text.Length == 86 ? text + "==" : text, bytes, out var written) || written != 64)
            return Fail<byte[]>("params.signature must be a base64 Ed25519 signature: 64 bytes, 86 characters (88 with padding)");
        return bytes;
    }

    /// <summary>A millisecond Unix timestamp; <paramref name="allowString"/> admits Session's legacy stringified integers.</summary>
    public long? Timestamp(string name, bool required, bool allowString = false)
    {
        if (Field(name) is not { } field)
            return required ? Fail<long?>($"params.{name} is required: a Unix timestamp in milliseconds") : null;
        if (!TryInteger(field, allowString, out var value))
            return Fail<long?>($"params.{name} must be an integer Unix timestamp in milliseconds");
        if (value < StorageLimits.MinTimestampMs)
            return Fail<long?>($"params.{name} must be in milliseconds, not seconds (got {value})");
        return value;
    }

    /// <summary>A non-negative integer count of milliseconds (a TTL); strings of digits are accepted as Session does.</summary>
    public long? Milliseconds(string name)
    {
        if (Field(name) is not { } field)
            return null;
        if (!TryInteger(field, allowString: true, out var value) || value < 0)
            return Fail<long?>($"params.{name} must be an integer number of milliseconds");
        return value;
    }

    /// <summary>An optional 32-bit integer.</summary>
    public int? Int32(string name)
    {
        if (Field(name) is not { } field)
            return null;
        return field.ValueKind == JsonValueKind.Number && field.TryGetInt32(out var value)
            ? value
            : Fail<int?>($"params.{name} must be an integer");
    }

    /// <summary>An optional boolean.</summary>
    public bool? Boolean(string name)
    {
        if (Field(name) is not { } field)
            return null;
        return field.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? field.GetBoolean()
            : Fail<bool?>($"params.{name} must be true or false");
    }

    /// <summary><c>namespace</c>: an integer in −32768..32767, or 0 when absent.</summary>
    public int Namespace()
    {
        if (Field("namespace") is not { } field)
            return Namespaces.Default;
        if (field.ValueKind != JsonValueKind.Number || !field.TryGetInt64(out var ns))
            return Fail<int>("params.namespace must be an integer");
        if (!Namespaces.IsInRange(ns))
            return Fail<int>($"params.namespace must be between {Namespaces.Min} and {Namespaces.Max}; got {ns}");
        return (int)ns;
    }

    /// <summary><c>namespace</c> for delete_all / delete_before / expire_all: an integer, "all", or 0 when absent.</summary>
    public NamespaceScope Scope()
    {
        if (Field("namespace") is { ValueKind: JsonValueKind.String } field)
        {
            return field.GetString() == Namespaces.AllText
                ? NamespaceScope.All
                : Fail<NamespaceScope>("params.namespace must be an integer or \"all\"");
        }
        return NamespaceScope.Of(Namespace());
    }

    /// <summary>A non-empty list of message hashes: a string or an array of strings, each a 43-character base64 hash.</summary>
    public IReadOnlyList<string>? Hashes(string name)
    {
        if (Field(name) is not { } field)
            return Fail<IReadOnlyList<string>>($"params.{name} is required: a list of message hashes");
        var hashes = new List<string>();
        if (field.ValueKind == JsonValueKind.String)
            hashes.Add(field.GetString()!);
        else if (field.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in field.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    return Fail<IReadOnlyList<string>>($"params.{name} must be an array of message hash strings");
                hashes.Add(item.GetString()!);
            }
        }
        else
            return Fail<IReadOnlyList<string>>($"params.{name} must be an array of message hash strings");
        if (hashes.Count == 0)
            return Fail<IReadOnlyList<string>>($"params.{name} must contain at least one message hash");
        foreach (var hash in hashes)
        {
            if (!MessageHash.IsWellFormed(hash))
                return Fail<IReadOnlyList<string>>($"params.{name} contains \"{Truncate(hash)}\", which is not a message hash (43 base64 characters)");
        }
        return hashes;
    }

    private static bool TryInteger(JsonElement field, bool allowString, out long value)
    {
        value = 0;
        return field.ValueKind switch
        {
            JsonValueKind.Number => field.TryGetInt64(out value),
            JsonValueKind.String when allowString =>
                long.TryParse(field.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    internal static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }

    /// <summary>Echoes at most 50 characters of a peer's string back in an error.</summary>
    internal static string Truncate(string text) => text.Length <= 50 ? text : text[..50] + "…";
}
