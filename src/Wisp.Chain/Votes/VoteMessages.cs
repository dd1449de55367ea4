using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Wisp.Chain.Votes;

// The registry's functions and events the voters use, typed for Nethereum (the contract's ABI is in
// contracts/artifacts/WispRegistry.json; these mirror its signatures).

[Function("vote")]
internal sealed class VoteFunction : FunctionMessage
{
    [Parameter("uint8", "action", 1)] public byte Action { get; set; }
    [Parameter("bytes32", "target", 2)] public byte[] Target { get; set; } = [];
    [Parameter("uint64", "round", 3)] public ulong Round { get; set; }
    [Parameter("bytes[]", "signatures", 4)] public List<byte[]> Signatures { get; set; } = [];
}

[Function("currentRound", "uint64")]
internal sealed class CurrentRoundFunction : FunctionMessage;

[Function("roundLength", "uint64")]
internal sealed class RoundLengthFunction : FunctionMessage;

[Function("quorumOf", typeof(QuorumOfOutput))]
internal sealed class QuorumOfFunction : FunctionMessage
{
    [Parameter("uint64", "round", 1)] public ulong Round { get; set; }
}

[FunctionOutput]
internal sealed class QuorumOfOutput : IFunctionOutputDTO
{
    [Parameter("bytes32[]", "members", 1)] public List<byte[]> Members { get; set; } = [];
    [Parameter("uint256", "required", 2)] public BigInteger Required { get; set; }
}

[Function("voteDigest", "bytes32")]
internal sealed class VoteDigestFunction : FunctionMessage
{
    [Parameter("uint8", "action", 1)] public byte Action { get; set; }
    [Parameter("bytes32", "target", 2)] public byte[] Target { get; set; } = [];
    [Parameter("uint64", "round", 3)] public ulong Round { get; set; }
}
