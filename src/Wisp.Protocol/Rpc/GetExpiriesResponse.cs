using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>get_expiries</c> reply: <c>{"expiries": {hash: expiry_ms}}</c>, only messages that exist, by hash. Session
/// adds neither <c>t</c> nor <c>hf</c> here.
/// </summary>
public sealed record GetExpiriesResponse(IReadOnlyList<KeyValuePair<string, long>> Expiries) : IRpcResponse<GetExpiriesResponse>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("expiries");
        foreach (var (hash, expiry) in Expiries.OrderBy(e => e.Key, StringComparer.Ordinal))
            writer.WriteNumber(hash, expiry);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out GetExpiriesResponse? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "expiries", out var expiries) || expiries.ValueKind != JsonValueKind.Object)
            return false;
        var list = new List<KeyValuePair<string, long>>();
        foreach (var item in expiries.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.Number || !item.Value.TryGetInt64(out var expiry))
                return false;
            list.Add(KeyValuePair.Create(item.Name, expiry));
        }
        value = new GetExpiriesResponse(list);
        return true;
    }
}
