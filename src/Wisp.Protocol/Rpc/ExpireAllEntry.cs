using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One member's <c>expire_all</c> result: <c>{"signature", "updated"}</c>, <c>updated</c> being the messages whose
/// expiry was shortened to the requested one (a sorted list, or per namespace for <c>"namespace": "all"</c>). The
/// member signs <c>pubkey_hex ‖ expiry ‖ updated…</c>, updated sorted across namespaces.
/// </summary>
public sealed record ExpireAllEntry(AffectedHashes Updated, string Signature) : IRpcResponse<ExpireAllEntry>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("signature", Signature);
        Updated.Write(writer, "updated");
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out ExpireAllEntry? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "updated", out var updated) || !AffectedHashes.TryRead(updated, out var hashes)
            || !RpcJson.TryString(json, "signature", out var signature))
            return false;
        value = new ExpireAllEntry(hashes, signature);
        return true;
    }
}
