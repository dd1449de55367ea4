using System.Text.Json;
using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// Reads the storage RPC's answers as the destination sent them, with the response records of <c>Wisp.Protocol.Rpc</c>
/// (the ones the node writes them with), and turns them into what the client reports. Everything here came from a
/// node: anything malformed reads as null or "not confirmed", never an exception, and node signatures are checked
/// against the node's key in the registry (the pool), never a key in the answer.
/// </summary>
internal static class SwarmReplies
{
    /// <summary>Characters of a node's error text shown at most: enough for any of Session's messages.</summary>
    private const int MaxErrorChars = 200;

    /// <summary>
    /// The destination's reply inside an onion answer. The onion carries no content type: a body that parses as JSON
    /// is JSON, anything else is text (Session's errors are bare text, e.g. a 406's
    /// <c>store signature timestamp too far from current time</c>).
    /// </summary>
    public static RpcReply Of(OnionResponse response) => RpcReply.FromHttp(response.Status, RpcContentTypes.Json, response.Body);

    /// <summary>The reply's JSON read as <typeparamref name="T"/>, or null when it is text or not that shape.</summary>
    public static T? Read<T>(RpcReply reply) where T : class, IRpcResponse<T>
    {
        try
        {
            return reply.JsonElement is { } json && T.TryRead(json, out var value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            // A string the JSON reader accepted but cannot turn into text (a lone surrogate escape): not the shape.
            return null;
        }
    }

    /// <summary>
    /// A node's error, for a message: its text body (or its JSON, for a status that carries JSON such as 421), cut
    /// to <see cref="MaxErrorChars"/> characters, control characters replaced so it cannot steer a terminal.
    /// </summary>
    public static string ErrorText(RpcReply reply)
    {
        var text = reply.Text ?? (reply.Json is RawJson raw ? raw.Element.GetRawText() : "");
        if (text.Length > MaxErrorChars)
            text = text[..MaxErrorChars] + "…";
        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });
    }

    /// <summary>
    /// The members of a <c>get_swarm</c> (or 421) answer that are in the pool, as the pool knows them: a node cannot
    /// steer the client to a node or key the registry does not list.
    /// </summary>
    public static IReadOnlyList<ServiceNode> Members(GetSwarmResponse swarm, NodePool pool)
    {
        var members = new List<ServiceNode>();
        foreach (var snode in swarm.Snodes)
        {
            if (ParseKey(snode.PubkeyEd25519) is { } key && pool.Find(key) is { } known && !members.Contains(known))
                members.Add(known);
        }
        return members;
    }

    /// <summary>A store answer, each member's entry confirmed when that member signed <paramref name="expectedHash"/>.</summary>
    public static StoreReceipt Store(SwarmResponse<StoreEntry> reply, string expectedHash, NodePool pool)
    {
        var nodes = new List<NodeConfirmation>();
        long expiry = 0;
        foreach (var (member, entry) in reply.Swarm)
        {
            if (ParseKey(member) is not { } node)
                continue;
            var confirmed = entry.Result is { } stored && stored.Hash == expectedHash
                && Verified(pool, node, NodeSignatureStrings.Store(expectedHash), stored.Signature);
            if (confirmed && expiry == 0)
                expiry = entry.Result!.Expiry;
            nodes.Add(new NodeConfirmation(node, confirmed));
        }
        return new StoreReceipt(expectedHash, expiry, nodes);
    }

    /// <summary>A retrieve answer from <paramref name="node"/>.</summary>
    public static RetrievedMessages Retrieve(RetrieveResponse reply, ServiceNode node) => new(reply.Messages, reply.More, node);

    /// <summary>A delete answer, each member's entry confirmed when it signed <c>pubkey ‖ requested… ‖ deleted…</c>.</summary>
    public static DeleteReceipt Delete(SwarmResponse<DeleteEntry> reply, StoragePubkey pubkey, IReadOnlyList<string> requested, NodePool pool)
    {
        var nodes = new List<NodeConfirmation>();
        IReadOnlyList<string>? firstDeleted = null;
        foreach (var (member, entry) in reply.Swarm)
        {
            if (ParseKey(member) is not { } node)
                continue;
            var deleted = entry.Result?.Deleted.AllSorted;
            var confirmed = deleted is not null
                && Verified(pool, node, NodeSignatureStrings.Delete(pubkey.Hex, requested, deleted), entry.Result!.Signature);
            if (confirmed)
                firstDeleted ??= deleted;
            nodes.Add(new NodeConfirmation(node, confirmed));
        }
        return new DeleteReceipt(nodes, firstDeleted ?? []);
    }

    private static bool Verified(NodePool pool, Ed25519PublicKey node, byte[] message, string signatureBase64)
    {
        if (!pool.Contains(node))
            return false;
        Span<byte> signature = stackalloc byte[Ed25519.SignatureBytes + 3];
        return Convert.TryFromBase64String(signatureBase64, signature, out var written)
            && written == Ed25519.SignatureBytes
            && Ed25519.Verify(node, message, signature[..written]);
    }

    private static Ed25519PublicKey? ParseKey(string? hex) =>
        hex is { Length: Ed25519PublicKey.Bytes * 2 } && hex.All(char.IsAsciiHexDigit) ? Ed25519PublicKey.FromHex(hex) : null;
}
