using System.Text.Json;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /obligations/v1/vote {"round", "action", "node", "signature"}</c>, sent by a member of a round's obligations
/// quorum to the other members: "I tested <c>node</c> in round <c>round</c> and vote <c>action</c>", with the member's
/// secp256k1 signature (65 bytes r‖s‖v, 0x-prefixed hex) of the vote's digest as the registry contract computes it.
/// Members collect these; whoever holds the threshold first submits them together in one transaction. Answered with
/// <c>{"signatures": n}</c>, the number of distinct valid signatures the receiver now holds for this vote.
/// </summary>
/// <param name="Round">The obligations round (block number / round length).</param>
/// <param name="Action">"decommission", "recommission" or "deregister".</param>
/// <param name="Node">The tested node's Ed25519 key, 64 hex characters.</param>
/// <param name="Signature">0x and 130 hex characters.</param>
public sealed record ObligationVote(long Round, string Action, string Node, string Signature)
{
    /// <summary>The route.</summary>
    public const string Route = "/obligations/v1/vote";

    /// <summary>The actions a vote may carry, as written on the wire.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["decommission", "recommission", "deregister"];

    /// <summary>Length of a secp256k1 signature with its recovery byte.</summary>
    public const int SignatureBytes = 65;

    /// <summary>The request body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteNumber("round", Round);
        json.WriteString("action", Action);
        json.WriteString("node", Node);
        json.WriteString("signature", Signature);
    });

    /// <summary>Reads a request body.</summary>
    public static PeeringResult<ObligationVote> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<ObligationVote> Read(JsonElement root)
    {
        if (!PeeringJson.Long(root, "round", out var round) || round < 0)
            return PeeringResult<ObligationVote>.Fail("round must be a non-negative integer");
        if (!PeeringJson.String(root, "action", out var action) || !Actions.Contains(action))
            return PeeringResult<ObligationVote>.Fail("action must be decommission, recommission or deregister");
        if (!PeeringJson.String(root, "node", out var node) || node.Length != 64 || !IsHex(node))
            return PeeringResult<ObligationVote>.Fail("node must be an Ed25519 key as 64 hex characters");
        if (!PeeringJson.String(root, "signature", out var signature) || signature.Length != 2 + 2 * SignatureBytes
            || !signature.StartsWith("0x", StringComparison.Ordinal) || !IsHex(signature.AsSpan(2)))
            return PeeringResult<ObligationVote>.Fail($"signature must be 0x and {2 * SignatureBytes} hex characters");
        return new ObligationVote(round, action, node.ToLowerInvariant(), signature.ToLowerInvariant());
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiHexDigit(c))
                return false;
        return true;
    }
}

/// <summary>The answer to <see cref="ObligationVote"/>: how many distinct valid signatures the receiver holds for it.</summary>
public sealed record ObligationVoteAnswer(int Signatures)
{
    /// <summary>The answer body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json => json.WriteNumber("signatures", Signatures));

    /// <summary>Reads an answer body.</summary>
    public static PeeringResult<ObligationVoteAnswer> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, root =>
        PeeringJson.Long(root, "signatures", out var count) && count is >= 0 and <= int.MaxValue
            ? new ObligationVoteAnswer((int)count)
            : PeeringResult<ObligationVoteAnswer>.Fail("signatures must be a non-negative integer"));
}
