using System.Globalization;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// Reads a request's <c>params</c> the way Session's storage server does, with its exact error texts. Session loads a
/// method's fields in alphabetical order, failing on the first one of the wrong type, and then checks what is missing
/// or invalid in the method's own order; parsers here call the typed getters in that alphabetical order and then the
/// checks in that order, so the same input gets the same first error. The first problem is kept in <see cref="Error"/>
/// (later calls keep it), and getters return null after it. Absent and JSON null are the same (omitted).
/// </summary>
internal sealed class ParamReader(JsonElement parameters)
{
    /// <summary>The first problem found, if any (always a 400).</summary>
    public RpcError? Error { get; private set; }

    /// <summary>True once a problem was found.</summary>
    public bool Failed => Error is not null;

    /// <summary>Records <paramref name="message"/> unless a problem is already recorded; returns default.</summary>
    public T? Fail<T>(string message)
    {
        Error ??= RpcError.BadRequest(message);
        return default;
    }

    /// <summary>Records <paramref name="message"/> unless a problem is already recorded.</summary>
    public void Fail(string message) => Error ??= RpcError.BadRequest(message);

    /// <summary>The field, or null when absent, null, or when params is not an object (Session finds nothing there).</summary>
    public JsonElement? Field(string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value)
        && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string.</summary>
    public string? String(string name) =>
        Read(name, "string", f => f.ValueKind == JsonValueKind.String, f => f.GetString()!);

    /// <summary>A boolean.</summary>
    public bool? Bool(string name) =>
        Read(name, "boolean", f => f.ValueKind is JsonValueKind.True or JsonValueKind.False, f => (bool?)f.GetBoolean());

    /// <summary>An integer, narrowed to 32 bits as Session's conversion does (no range error).</summary>
    public int? Int(string name) =>
        Read(name, "integer", IsInteger, f => (int?)unchecked((int)AsInt64(f)));

    /// <summary>A millisecond timestamp: a non-negative integer, at least 1,000,000 s after the epoch.</summary>
    public long? Timestamp(string name)
    {
        var value = Read(name, "integer timestamp (in milliseconds)", IsUnsigned, f => (long?)AsInt64(f));
        if (value is { } ms && ms < StorageLimits.MinTimestampMs)
            return Fail<long?>($"Invalid timestamp for '{name}': timestamp must be in milliseconds");
        return value;
    }

    /// <summary>A namespace (−32768..32767).</summary>
    public int? Namespace(string name)
    {
        var value = Read(name, "16-bit integer", IsInteger, f => (long?)AsInt64(f));
        if (value is { } ns && !Namespaces.IsInRange(ns))
            return Fail<int?>($"Invalid value given for '{name}': value out of range");
        return (int?)value;
    }

    /// <summary>A namespace or "all".</summary>
    public NamespaceScope? Scope(string name)
    {
        if (Failed || Field(name) is not { } field)
            return null;
        if (IsInteger(field))
        {
            var ns = AsInt64(field);
            return Namespaces.IsInRange(ns)
                ? NamespaceScope.Of((int)ns)
                : Fail<NamespaceScope?>($"Invalid value given for '{name}': value out of range");
        }
        if (field.ValueKind == JsonValueKind.String && field.GetString() == Namespaces.AllText)
            return NamespaceScope.All;
        return Fail<NamespaceScope?>($"Invalid value given for '{name}': expected integer or \"all\"");
    }

    /// <summary>A list of strings: an array of strings, or one string.</summary>
    public List<string>? Strings(string name) => ReadList(name, "string array",
        f => f.ValueKind == JsonValueKind.String, f => f.GetString()!);

    /// <summary>A list of timestamps: an array of non-negative integers, or one (not checked for seconds, as Session).</summary>
    public List<long>? Timestamps(string name) => ReadList(name, "timestamp array", IsUnsigned, AsInt64);

    /// <summary>A list of integers: an array of integers, or one.</summary>
    public List<int>? Ints(string name) => ReadList(name, "integer array", IsInteger, f => unchecked((int)AsInt64(f)));

    /// <summary>A signed integer given as a number or, for Session's old clients, a string of digits.</summary>
    public long? StringifiedInt64(string name)
    {
        if (Failed || Field(name) is not { } field)
            return null;
        if (field.ValueKind == JsonValueKind.String)
        {
            return ParseInteger(field.GetString()!, allowSign: true, out var value) && value >= long.MinValue && value <= long.MaxValue
                ? (long)value
                : Fail<long?>($"Invalid value given for '{name}': {field.GetRawText()}");
        }
        return Read(name, "integer", IsInteger, f => (long?)AsInt64(f));
    }

    /// <summary>A non-negative integer given as a number or a string of digits (saturated at <see cref="long.MaxValue"/>).</summary>
    public long? StringifiedUInt64(string name)
    {
        if (Failed || Field(name) is not { } field)
            return null;
        if (field.ValueKind == JsonValueKind.String)
        {
            return ParseInteger(field.GetString()!, allowSign: false, out var value) && value <= ulong.MaxValue
                ? (long)Int128.Min(value, long.MaxValue)
                : Fail<long?>($"Invalid value given for '{name}': {field.GetRawText()}");
        }
        return Read(name, "positive integer", IsUnsigned,
            f => (long?)(f.TryGetInt64(out var v) ? v : long.MaxValue));
    }

    /// <summary>Session's <c>require</c>: a missing field's error.</summary>
    public bool Require(string name, object? value)
    {
        if (value is null)
            Fail($"Required field '{name}' missing");
        return !Failed;
    }

    /// <summary>The owner's pubkey (Session's <c>load_pk</c>): 66 hex characters, or the 33 raw bytes.</summary>
    public StoragePubkey? LoadPubkey(string? text)
    {
        if (!Require("pubkey", text))
            return null;
        return StoragePubkey.TryLoad(text!, out var pubkey)
            ? pubkey
            : Fail<StoragePubkey>("Pubkey must be 66 hex digits (33 bytes) long");
    }

    /// <summary>
    /// The pubkey and its required signature (Session's <c>load_pk_signature</c>): pubkey, then signature present,
    /// then <c>pubkey_ed25519</c> (05 only; 64 hex or 32 bytes), then the signature's encoding.
    /// </summary>
    public (StoragePubkey? Pubkey, RequestSignature? Signature) LoadSignature(string? pubkeyText, string? pubkeyEd25519, string? signature)
    {
        var pubkey = LoadPubkey(pubkeyText);
        if (pubkey is null || !Require("signature", signature))
            return (null, null);
        Ed25519PublicKey? ed25519 = null;
        if (pubkeyEd25519 is not null)
        {
            if (!pubkey.IsAccount)
                return Fail<(StoragePubkey?, RequestSignature?)>("pubkey_ed25519 is only permitted for 05[...] pubkeys");
            var bytes = Encoding.UTF8.GetByteCount(pubkeyEd25519);
            if (bytes == 64)
            {
                if (!pubkeyEd25519.All(char.IsAsciiHexDigit))
                    return Fail<(StoragePubkey?, RequestSignature?)>("invalid pubkey_ed25519: value is not hex");
                ed25519 = Ed25519PublicKey.FromHex(pubkeyEd25519);
            }
            else if (bytes == 32)
                ed25519 = new Ed25519PublicKey(Encoding.UTF8.GetBytes(pubkeyEd25519));
            else
                return Fail<(StoragePubkey?, RequestSignature?)>("Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey");
        }
        if (!SessionBase64.IsSignature(signature!))
            return Fail<(StoragePubkey?, RequestSignature?)>("invalid signature: expected base64 encoded Ed25519 signature");
        return (pubkey, new RequestSignature(SessionBase64.Decode(signature!), ed25519));
    }

    /// <summary>
    /// <c>subaccount</c> + <c>subaccount_sig</c> (Session's <c>load_subaccount</c>): ignored when the token is absent or
    /// empty; otherwise the signature is required, the token is 48 base64 or 72 hex characters, the signature base64.
    /// </summary>
    public SignedSubaccount? LoadSubaccount(string? token, string? tokenSignature)
    {
        if (Failed || string.IsNullOrEmpty(token))
            return null;
        if (tokenSignature is null)
            return Fail<SignedSubaccount>("invalid subaccount: subaccount_sig is required when using subaccount");
        if (!SubaccountToken.TryParse(token, out var parsed))
            return Fail<SignedSubaccount>("invalid subaccount: expected base64 or hex-encoded subaccount token");
        if (!SessionBase64.IsSignature(tokenSignature))
            return Fail<SignedSubaccount>("invalid subaccount signature: expected base64 encoded Ed25519 signature");
        return new SignedSubaccount(parsed, SessionBase64.Decode(tokenSignature));
    }

    /// <summary>Session's <c>require_exactly_one_of</c> for a field and its legacy alias: the one given.</summary>
    public string? OneOfAlias(string name, string? value, string alias, string? aliasValue)
    {
        if (Failed)
            return null;
        if (value is not null && aliasValue is not null)
            return Fail<string>($"Cannot specify both '{name}' and '{alias}'");
        return value ?? aliasValue ?? Fail<string>($"Required field '{name}' missing");
    }

    /// <summary>A message hash as Session accepts one: 43 base64 characters.</summary>
    public static bool IsMessageHash(string hash) => hash.Length == 43 && SessionBase64.IsValid(hash);

    private T? Read<T>(string name, string expected, Func<JsonElement, bool> rightType, Func<JsonElement, T?> value)
    {
        if (Failed || Field(name) is not { } field)
            return default;
        return rightType(field) ? value(field) : Fail<T>($"Invalid value given for '{name}': expected {expected}");
    }

    private List<T>? ReadList<T>(string name, string expected, Func<JsonElement, bool> rightType, Func<JsonElement, T> value)
    {
        if (Failed || Field(name) is not { } field)
            return null;
        if (field.ValueKind == JsonValueKind.Array)
        {
            var list = new List<T>(field.GetArrayLength());
            foreach (var item in field.EnumerateArray())
            {
                if (!rightType(item))
                    return Fail<List<T>>($"Invalid value given for '{name}': expected {expected}");
                list.Add(value(item));
            }
            return list;
        }
        return rightType(field) ? [value(field)] : Fail<List<T>>($"Invalid value given for '{name}': expected {expected}");
    }

    /// <summary>A JSON integer (no fraction or exponent) that fits 64 bits, signed or unsigned.</summary>
    private static bool IsInteger(JsonElement field) =>
        field.ValueKind == JsonValueKind.Number && (field.TryGetInt64(out _) || field.TryGetUInt64(out _));

    /// <summary>A non-negative JSON integer (Session's "unsigned" numbers).</summary>
    private static bool IsUnsigned(JsonElement field) => field.ValueKind == JsonValueKind.Number && field.TryGetUInt64(out _);

    /// <summary>The integer as 64-bit signed; unsigned values past the signed range wrap, as Session's conversion does.</summary>
    private static long AsInt64(JsonElement field) => field.TryGetInt64(out var v) ? v : unchecked((long)field.GetUInt64());

    /// <summary>Digits with an optional leading '-' (C++ <c>from_chars</c>: no '+', no spaces, all characters used).</summary>
    private static bool ParseInteger(string text, bool allowSign, out Int128 value)
    {
        value = 0;
        var styles = allowSign ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        return text.Length > 0 && text[0] != '+' && text.Length <= 21
            && Int128.TryParse(text, styles, CultureInfo.InvariantCulture, out value);
    }
}
