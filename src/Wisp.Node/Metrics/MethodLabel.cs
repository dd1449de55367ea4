using System.Text.Json;

namespace Wisp.Node.Metrics;

/// <summary>
/// The <c>method</c> label of a storage RPC request for metrics: one of the known method names, or
/// <see cref="Other"/>. A closed set, so a client cannot grow the metrics by inventing method names.
/// </summary>
public static class MethodLabel
{
    /// <summary>A request whose method is missing, unknown or unreadable.</summary>
    public const string Other = "other";

    /// <summary>A request refused before its body was read (rate limit, size, busy).</summary>
    public const string Unread = "unread";

    private static readonly string[] Known =
    [
        "store", "retrieve", "delete", "delete_all", "delete_before", "expire", "expire_all", "get_expiries",
        "get_swarm", "get_snodes_for_pubkey", "info", "batch", "sequence", "ifelse", "revoke_subaccount",
        "unrevoke_subaccount", "oxend_request",
    ];

    /// <summary>The label of a request body: its top-level <c>method</c> if known, else <see cref="Other"/>.</summary>
    public static string Of(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Other;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMethod = reader.ValueTextEquals("method"u8);
                if (!reader.Read()) return Other;
                if (isMethod) return reader.TokenType == JsonTokenType.String ? Match(ref reader) : Other;
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // a lone surrogate in "method" throws the latter
        {
            // Malformed JSON: the RPC itself reports why; for metrics it is just "other".
        }
        return Other;
    }

    private static string Match(ref Utf8JsonReader reader)
    {
        foreach (var name in Known)
        {
            if (reader.ValueTextEquals(name)) return name;
        }
        return Other;
    }
}
