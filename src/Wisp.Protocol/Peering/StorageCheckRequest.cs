using System.Text.Json;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /swarm/v1/check {"owner", "namespace", "hash"}</c> (a peer test between swarm members): does the answering
/// node hold this message? Answered by <see cref="StorageCheckAnswer"/>.
/// </summary>
public sealed record StorageCheckRequest(string Owner, int Namespace, string Hash)
{
    /// <summary>The route.</summary>
    public const string Route = "/swarm/v1/check";

    /// <summary>The request body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteString("owner", Owner);
        json.WriteNumber("namespace", Namespace);
        json.WriteString("hash", Hash);
    });

    /// <summary>Reads a request body.</summary>
    public static PeeringResult<StorageCheckRequest> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<StorageCheckRequest> Read(JsonElement root)
    {
        if (!PeeringJson.String(root, "owner", out var ownerText) || !StoragePubkey.TryParse(ownerText, out var owner, out _))
            return PeeringResult<StorageCheckRequest>.Fail("owner must be a 33-byte key as 66 hex characters");
        if (!PeeringJson.Long(root, "namespace", out var ns) || !Namespaces.IsInRange(ns))
            return PeeringResult<StorageCheckRequest>.Fail("namespace must be an integer in the namespace range");
        if (!PeeringJson.String(root, "hash", out var hash) || !MessageHash.IsWellFormed(hash))
            return PeeringResult<StorageCheckRequest>.Fail($"hash must be {MessageHash.Length} base64 characters");
        return new StorageCheckRequest(owner.Hex, (int)ns, hash);
    }
}

/// <summary>
/// The answer to <see cref="StorageCheckRequest"/>: <c>{"found": false}</c> or <c>{"found": true, "data_hash"}</c>, where
/// <c>data_hash</c> is base64 BLAKE2b-256 of the message's data (<see cref="DigestOf"/>). Answering with a digest of the
/// bytes, not the name the caller already knows, shows the node really holds them.
/// </summary>
public sealed record StorageCheckAnswer(bool Found, string? DataHash)
{
    private const int DigestBytes = 32;

    /// <summary>The answer for a message not held.</summary>
    public static StorageCheckAnswer NotFound { get; } = new(false, null);

    /// <summary>The <c>data_hash</c> of <paramref name="data"/>: base64 (padded) BLAKE2b-256.</summary>
    public static string DigestOf(ReadOnlySpan<byte> data) => Convert.ToBase64String(Blake2b.Hash(data, DigestBytes));

    /// <summary>The answer body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteBoolean("found", Found);
        if (Found)
            json.WriteString("data_hash", DataHash);
    });

    /// <summary>Reads an answer body; a found message must come with a 32-byte digest.</summary>
    public static PeeringResult<StorageCheckAnswer> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<StorageCheckAnswer> Read(JsonElement root)
    {
        if (!PeeringJson.Boolean(root, "found", out var found))
            return PeeringResult<StorageCheckAnswer>.Fail("found must be true or false");
        if (!found)
            return NotFound;
        Span<byte> digest = stackalloc byte[DigestBytes + 3];
        if (!PeeringJson.String(root, "data_hash", out var dataHash) || dataHash.Length != 44
            || !Convert.TryFromBase64String(dataHash, digest, out var written) || written != DigestBytes)
            return PeeringResult<StorageCheckAnswer>.Fail("data_hash must be a 32-byte digest, base64");
        return new StorageCheckAnswer(true, dataHash);
    }
}
