using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One member's <c>store</c> result: <c>{"already"?: true, "expiry", "hash", "signature", "t"?}</c>. The signature
/// (base64) is the member's Ed25519 signature of the hash text. <c>already</c> says the message was there before (its
/// expiry may have been raised). The node the client called also puts its clock in its own entry (<c>t</c>, deprecated
/// in Session, kept for clients that read it there).
/// </summary>
public sealed record StoreEntry(string Hash, string Signature, long Expiry, bool Already = false, long? T = null)
    : IRpcResponse<StoreEntry>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Already)
            writer.WriteBoolean("already", true);
        writer.WriteNumber("expiry", Expiry);
        writer.WriteString("hash", Hash);
        writer.WriteString("signature", Signature);
        if (T is { } t)
            writer.WriteNumber("t", t);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out StoreEntry? value)
    {
        value = null;
        if (!RpcJson.TryString(json, "hash", out var hash) || !RpcJson.TryString(json, "signature", out var signature)
            || !RpcJson.TryInt64(json, "expiry", out var expiry))
            return false;
        value = new StoreEntry(hash, signature, expiry, RpcJson.TryBool(json, "already", out var already) && already,
            RpcJson.TryInt64(json, "t", out var t) ? t : null);
        return true;
    }
}
