using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wisp.Crypto.Hashing;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Peers;

/// <summary>
/// <c>POST /swarm/v1/check {owner, namespace, hash}</c> (authenticated swarm peers only): does this node hold the message,
/// and what is BLAKE2b-256 of its data — <c>{"found": bool, "data_hash": base64}</c>. Answering with a digest of the
/// data, not the hash the caller already knows, shows the node really holds the bytes.
/// </summary>
public sealed class StorageCheck(IMessageStore store)
{
    /// <summary>The route.</summary>
    public const string Route = "/swarm/v1/check";

    /// <summary>The digest a node answers for <paramref name="data"/>.</summary>
    public static string DataHash(ReadOnlySpan<byte> data) => Convert.ToBase64String(Blake2b.Hash(data, 32));

    /// <summary>Answers one check.</summary>
    public async Task<PeerAnswer> AnswerAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        MessageKey key;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            var root = document.RootElement;
            var owner = root.GetProperty("owner").GetString();
            var hash = root.GetProperty("hash").GetString();
            if (!StoragePubkey.TryParse(owner, out var pubkey, out _) || !MessageHash.IsWellFormed(hash)
                || !root.GetProperty("namespace").TryGetInt32(out var ns))
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, "check: owner (66 hex), namespace (integer) and hash (43 base64) are required");
            key = new MessageKey(pubkey.Hex, ns, hash!);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return PeerAnswer.Error(StatusCodes.Status400BadRequest, "check: the body must be {\"owner\", \"namespace\", \"hash\"}");
        }
        var message = await store.FindAsync(key, cancellationToken);
        var body = message is null
            ? """{"found":false}"""
            : $$"""{"found":true,"data_hash":"{{DataHash(message.Data)}}"}""";
        return new PeerAnswer(StatusCodes.Status200OK, System.Text.Encoding.UTF8.GetBytes(body));
    }
}
