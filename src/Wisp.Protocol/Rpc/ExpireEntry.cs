using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One member's <c>expire</c> result: <c>{"expiry", "signature", "unchanged"?, "updated"}</c>.
/// <list type="bullet">
/// <item><c>updated</c>: the sorted hashes whose expiry was set (without shorten/extend, every message found).</item>
/// <item><c>expiry</c>: with one requested expiry, the one applied (capped at 30 days from now), even if nothing was
/// updated; with per-message expiries, an array: the applied expiry of each <c>updated</c> hash, in that order.</item>
/// <item><c>unchanged</c>: only when shorten or extend was asked for: hash → current expiry of the messages found but
/// left as they were.</item>
/// <item><c>signature</c>: of <c>pubkey_hex ‖ expiry (or the expiries concatenated) ‖ requested… ‖ updated… ‖
/// (hash ‖ expiry) of each unchanged, by hash</c>.</item>
/// </list>
/// </summary>
public sealed record ExpireEntry(
    IReadOnlyList<long> Expiry, bool ExpiryIsList, IReadOnlyList<string> Updated,
    IReadOnlyList<KeyValuePair<string, long>>? Unchanged, string Signature) : IRpcResponse<ExpireEntry>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (ExpiryIsList)
        {
            writer.WriteStartArray("expiry");
            foreach (var expiry in Expiry)
                writer.WriteNumberValue(expiry);
            writer.WriteEndArray();
        }
        else
            writer.WriteNumber("expiry", Expiry[0]);
        writer.WriteString("signature", Signature);
        if (Unchanged is not null)
        {
            writer.WriteStartObject("unchanged");
            foreach (var (hash, expiry) in Unchanged)
                writer.WriteNumber(hash, expiry);
            writer.WriteEndObject();
        }
        RpcJson.WriteStrings(writer, "updated", Updated);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out ExpireEntry? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "expiry", out var expiryField) || !RpcJson.TryString(json, "signature", out var signature)
            || !RpcJson.TryProperty(json, "updated", out var updatedField) || !RpcJson.TryStrings(updatedField, out var updated))
            return false;
        var expiries = new List<long>();
        var isList = expiryField.ValueKind == JsonValueKind.Array;
        if (isList)
        {
            foreach (var item in expiryField.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var e))
                    return false;
                expiries.Add(e);
            }
        }
        else if (expiryField.ValueKind == JsonValueKind.Number && expiryField.TryGetInt64(out var single))
            expiries.Add(single);
        else
            return false;
        List<KeyValuePair<string, long>>? unchanged = null;
        if (RpcJson.TryProperty(json, "unchanged", out var unchangedField))
        {
            if (unchangedField.ValueKind != JsonValueKind.Object)
                return false;
            unchanged = [];
            foreach (var item in unchangedField.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.Number || !item.Value.TryGetInt64(out var e))
                    return false;
                unchanged.Add(KeyValuePair.Create(item.Name, e));
            }
        }
        value = new ExpireEntry(expiries, isList, updated, unchanged, signature);
        return true;
    }
}
