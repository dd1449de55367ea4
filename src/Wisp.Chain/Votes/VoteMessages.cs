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

[Function("activeNodes", "bytes32[]")]
internal sealed class ActiveNodesFunction : FunctionMessage;

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

[Function("getNode", typeof(GetNodeOutput))]
internal sealed class GetNodeFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = [];
}

[FunctionOutput]
internal sealed class GetNodeOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public RegistryNode Node { get; set; } = new();
}

internal sealed class RegistryNode
{
    [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
    [Parameter("address", "voteKey", 2)] public string VoteKey { get; set; } = "";
    [Parameter("uint8", "status", 3)] public byte Status { get; set; }
    [Parameter("uint64", "joinedBlock", 4)] public ulong JoinedBlock { get; set; }
    [Parameter("uint64", "unlockBlock", 5)] public ulong UnlockBlock { get; set; }
    [Parameter("bytes32", "x25519Key", 6)] public byte[] X25519Key { get; set; } = [];
    [Parameter("uint16", "port", 7)] public ushort Port { get; set; }
    [Parameter("string", "host", 8)] public string Host { get; set; } = "";
    [Parameter("uint256", "stake", 9)] public BigInteger Stake { get; set; }
}

[Event("NodeDecommissioned")]
internal sealed class NodeDecommissionedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Key { get; set; } = [];
    [Parameter("uint64", "round", 2, true)] public ulong Round { get; set; }
}
