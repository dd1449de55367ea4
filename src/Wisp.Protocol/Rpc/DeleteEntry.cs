using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One member's <c>delete</c>, <c>delete_all</c> or <c>delete_before</c> result: <c>{"deleted", "signature"}</c>.
/// <c>deleted</c> is a sorted list, or per namespace for <c>"namespace": "all"</c> (see <see cref="AffectedHashes"/>).
/// The member signs <c>pubkey_hex ‖ requested hashes… ‖ deleted…</c> (delete) or <c>pubkey_hex ‖ timestamp|before ‖
/// deleted…</c> (delete_all, delete_before), deleted sorted across namespaces.
/// </summary>
public sealed record DeleteEntry(AffectedHashes Deleted, string Signature) : IRpcResponse<DeleteEntry>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        Deleted.Write(writer, "deleted");
        writer.WriteString("signature", Signature);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out DeleteEntry? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "deleted", out var deleted) || !AffectedHashes.TryRead(deleted, out var hashes)
            || !RpcJson.TryString(json, "signature", out var signature))
            return false;
        value = new DeleteEntry(hashes, signature);
        return true;
    }
}
