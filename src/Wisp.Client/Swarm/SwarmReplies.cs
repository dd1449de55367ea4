using System.Text;
using System.Text.Json;
using Wisp.Client.Paths;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// Reads the storage RPC's answers as the destination sent them (the body inside the onion reply). Everything here
/// came from a node, so every field is checked and anything malformed reads as null or "not confirmed", never an
/// exception. Node signatures are checked against the node's key in the registry (the pool), not a key in the answer.
/// </summary>
internal static class SwarmReplies
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>The node's clock <c>t</c>, Unix ms, when the body carries one.</summary>
    public static long? Time(byte[] body) =>
        Parse(body, root => Number(root, "t"));

    /// <summary>The <c>"error"</c> text of an error body, or its first bytes, for a message.</summary>
    public static string ErrorText(byte[] body) =>
        Parse(body, root => root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
        ?? Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));

    /// <summary>
    /// The members of the swarm in a <c>get_swarm</c> (or 421) body that are in the pool, as the pool knows them: a
    /// node cannot steer the client to a node or key the registry does not list.
    /// </summary>
    public static IReadOnlyList<ServiceNode> Swarm(byte[] body, NodePool pool) => Parse(body, root =>
    {
        var members = new List<ServiceNode>();
        if (!root.TryGetProperty("snodes", out var snodes) || snodes.ValueKind != JsonValueKind.Array)
            return members;
        foreach (var snode in snodes.EnumerateArray())
        {
            if (KeyOf(snode, "pubkey_ed25519") is { } key && pool.Find(key) is { } known && !members.Contains(known))
                members.Add(known);
        }
        return members;
    }) ?? [];

    /// <summary>A store answer, each node's entry confirmed when it signed <paramref name="expectedHash"/>.</summary>
    public static StoreReceipt? Store(byte[] body, string expectedHash, NodePool pool) => Parse(body, root =>
    {
        if (!root.TryGetProperty("swarm", out var swarm) || swarm.ValueKind != JsonValueKind.Object)
            return null;
        var nodes = new List<NodeConfirmation>();
        long expiry = 0;
        foreach (var entry in swarm.EnumerateObject())
        {
            if (ParseKey(entry.Name) is not { } node)
                continue;
            var result = entry.Value;
            var confirmed = result.ValueKind == JsonValueKind.Object
                && Text(result, "hash") == expectedHash
                && Verified(pool, node, NodeSignatureStrings.Store(expectedHash), Text(result, "signature"));
            if (confirmed && expiry == 0 && Number(result, "expiry") is { } ms)
                expiry = ms;
            nodes.Add(new NodeConfirmation(node, confirmed));
        }
        return new StoreReceipt(expectedHash, expiry, nodes);
    });

    /// <summary>A retrieve answer from <paramref name="node"/>.</summary>
    public static RetrievedMessages? Retrieve(byte[] body, ServiceNode node) => Parse(body, root =>
    {
        if (!root.TryGetProperty("messages", out var list) || list.ValueKind != JsonValueKind.Array)
            return null;
        var messages = new List<RetrievedMessage>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "hash") is not { } hash || Text(item, "data") is not { } data)
                return null;
            var bytes = new byte[data.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(data, bytes, out var written))
                return null;
            messages.Add(new RetrievedMessage(hash, Int64(item, "timestamp"), Int64(item, "expiration"), bytes[..written]));
        }
        var more = root.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
        return new RetrievedMessages(messages, more, node);
    });

    /// <summary>A delete answer, each node's entry confirmed when it signed <c>pubkey ‖ requested… ‖ deleted…</c>.</summary>
    public static DeleteReceipt? Delete(byte[] body, StoragePubkey pubkey, IReadOnlyList<string> requested, NodePool pool) => Parse(body, root =>
    {
        if (!root.TryGetProperty("swarm", out var swarm) || swarm.ValueKind != JsonValueKind.Object)
            return null;
        var nodes = new List<NodeConfirmation>();
        IReadOnlyList<string>? firstDeleted = null;
        foreach (var entry in swarm.EnumerateObject())
        {
            if (ParseKey(entry.Name) is not { } node)
                continue;
            var deleted = entry.Value.ValueKind == JsonValueKind.Object ? Strings(entry.Value, "deleted") : null;
            var confirmed = deleted is not null
                && Verified(pool, node, NodeSignatureStrings.Delete(pubkey.Hex, requested, deleted), Text(entry.Value, "signature"));
            if (confirmed)
                firstDeleted ??= deleted;
            nodes.Add(new NodeConfirmation(node, confirmed));
        }
        return new DeleteReceipt(nodes, firstDeleted ?? []);
    });

    private static bool Verified(NodePool pool, Ed25519PublicKey node, byte[] message, string? signatureBase64)
    {
        if (signatureBase64 is null || !pool.Contains(node))
            return false;
        Span<byte> signature = stackalloc byte[Ed25519.SignatureBytes + 3];
        return Convert.TryFromBase64String(signatureBase64, signature, out var written)
            && written == Ed25519.SignatureBytes
            && Ed25519.Verify(node, message, signature[..written]);
    }

    private static T? Parse<T>(byte[] body, Func<JsonElement, T?> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Int64(JsonElement element, string name) => Number(element, name) ?? 0;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static List<string>? Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
            return null;
        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return null;
            strings.Add(item.GetString()!);
        }
        return strings;
    }

    private static Ed25519PublicKey? KeyOf(JsonElement element, string name) => ParseKey(Text(element, name));

    private static Ed25519PublicKey? ParseKey(string? hex) =>
        hex is { Length: Ed25519PublicKey.Bytes * 2 } && hex.All(char.IsAsciiHexDigit) ? Ed25519PublicKey.FromHex(hex) : null;
}
