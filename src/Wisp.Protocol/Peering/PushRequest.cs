using System.Text.Json;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /swarm/v1/push {"messages": [PeerMessage with data, …]}</c>: messages whose owners now belong to the
/// receiving node's swarm (migration after a registry change), at most <see cref="PeeringLimits.MaxTransferRecords"/>,
/// each stored with its own namespace, timestamp and expiry. Answered by <see cref="PushAnswer"/>.
/// </summary>
public sealed record PushRequest(IReadOnlyList<PeerMessage> Messages)
{
    /// <summary>The route.</summary>
    public const string Route = "/swarm/v1/push";

    /// <summary>The request body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json => PeerMessage.WriteArray(json, Messages));

    /// <summary>Reads a request body: every record must carry data that hashes to its hash.</summary>
    public static PeeringResult<PushRequest> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<PushRequest> Read(JsonElement root) =>
        PeerMessage.TryReadArray(root, PeeringLimits.MaxTransferRecords, requireData: true, out var messages, out var problem)
            ? new PushRequest(messages)
            : PeeringResult<PushRequest>.Fail(problem!);
}

/// <summary>
/// The answer to <see cref="PushRequest"/>: <c>{"stored", "already", "full", "misdirected"}</c> — how many were stored
/// now, were held already, did not fit the node's storage cap, and belong to another swarm (not stored).
/// </summary>
public sealed record PushAnswer(int Stored, int Already, int Full, int Misdirected)
{
    /// <summary>The answer body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteNumber("stored", Stored);
        json.WriteNumber("already", Already);
        json.WriteNumber("full", Full);
        json.WriteNumber("misdirected", Misdirected);
    });

    /// <summary>Reads an answer body: four counts, each 0..<see cref="PeeringLimits.MaxTransferRecords"/>.</summary>
    public static PeeringResult<PushAnswer> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<PushAnswer> Read(JsonElement root)
    {
        Span<int> counts = stackalloc int[4];
        string[] names = ["stored", "already", "full", "misdirected"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!PeeringJson.Long(root, names[i], out var count) || count is < 0 or > PeeringLimits.MaxTransferRecords)
                return PeeringResult<PushAnswer>.Fail($"{names[i]} must be an integer from 0 to {PeeringLimits.MaxTransferRecords}");
            counts[i] = (int)count;
        }
        return new PushAnswer(counts[0], counts[1], counts[2], counts[3]);
    }
}
