using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One member's <c>revoke_subaccount</c> (<see cref="Count"/> null: <c>{"signature"}</c>) or
/// <c>unrevoke_subaccount</c> (<c>{"count", "signature"}</c>, count = revocations actually removed) result. The member
/// signs <c>pubkey_hex ‖ timestamp ‖ token bytes…</c>, the 36-byte tokens as requested, concatenated.
/// </summary>
public sealed record RevokeEntry(string Signature, int? Count = null) : IRpcResponse<RevokeEntry>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Count is { } count)
            writer.WriteNumber("count", count);
        writer.WriteString("signature", Signature);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out RevokeEntry? value)
    {
        value = null;
        if (!RpcJson.TryString(json, "signature", out var signature))
            return false;
        int? count = null;
        if (RpcJson.TryProperty(json, "count", out var countField))
        {
            if (countField.ValueKind != JsonValueKind.Number || !countField.TryGetInt32(out var c))
                return false;
            count = c;
        }
        value = new RevokeEntry(signature, count);
        return true;
    }
}
