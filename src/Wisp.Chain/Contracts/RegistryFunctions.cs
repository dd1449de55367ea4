using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Wisp.Chain.Contracts;

// The registry contract's functions (IWispRegistry.sol) as Nethereum function DTOs; Nethereum encodes the calls.

/// <summary>The registry's constructor arguments; the bytecode comes from the compiled artifact.</summary>
public sealed class WispRegistryDeployment : ContractDeploymentMessage
{
    /// <summary>A deployment without bytecode; set <see cref="ContractDeploymentMessage.ByteCode"/> from the artifact.</summary>
    public WispRegistryDeployment() : base("")
    {
    }

    [Parameter("uint256", "stakeAmount", 1)] public BigInteger StakeAmount { get; set; }
    [Parameter("uint64", "unlockDelay", 2)] public ulong UnlockDelay { get; set; }
    [Parameter("uint64", "roundLength", 3)] public ulong RoundLength { get; set; }
    [Parameter("uint256", "rewardPerBlock", 4)] public BigInteger RewardPerBlock { get; set; }
    [Parameter("address", "initialHolder", 5)] public string InitialHolder { get; set; } = "";
    [Parameter("uint256", "initialSupply", 6)] public BigInteger InitialSupply { get; set; }
}

/// <summary><c>join</c>: stake and list a node.</summary>
[Function("join")]
public sealed class JoinFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("bytes32", "x25519Key", 2)] public byte[] X25519Key { get; set; } = [];
    [Parameter("string", "host", 3)] public string Host { get; set; } = "";
    [Parameter("uint16", "port", 4)] public int Port { get; set; }
    [Parameter("address", "voteKey", 5)] public string VoteKey { get; set; } = "";
    [Parameter("bytes", "ed25519Proof", 6)] public byte[] Ed25519Proof { get; set; } = [];
    [Parameter("uint256", "amount", 7)] public BigInteger Amount { get; set; }
}

/// <summary><c>updateAddress</c>: a node's new host and port.</summary>
[Function("updateAddress")]
public sealed class UpdateAddressFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("string", "host", 2)] public string Host { get; set; } = "";
    [Parameter("uint16", "port", 3)] public int Port { get; set; }
}

/// <summary><c>requestExit</c>: unlist the node and start its unlock delay.</summary>
[Function("requestExit")]
public sealed class RequestExitFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
}

/// <summary><c>withdraw</c>: after the unlock delay, the stake and unpaid rewards back to the operator.</summary>
[Function("withdraw")]
public sealed class WithdrawFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
}

/// <summary><c>claimRewards</c>: the node's accrued rewards to its operator.</summary>
[Function("claimRewards")]
public sealed class ClaimRewardsFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
}

/// <summary><c>token()</c>: the stake token's address.</summary>
[Function("token", "address")]
public sealed class TokenFunction : FunctionMessage;

/// <summary><c>stakeAmount()</c>: what a join must stake.</summary>
[Function("stakeAmount", "uint256")]
public sealed class StakeAmountFunction : FunctionMessage;

/// <summary><c>pendingRewards(key)</c>: the node's unpaid rewards now.</summary>
[Function("pendingRewards", "uint256")]
public sealed class PendingRewardsFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
}

/// <summary><c>joinProofMessage(...)</c>: the 32 bytes a join's Ed25519 proof signs.</summary>
[Function("joinProofMessage", "bytes32")]
public sealed class JoinProofMessageFunction : FunctionMessage
{
    [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
    [Parameter("bytes32", "ed25519Key", 2)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("bytes32", "x25519Key", 3)] public byte[] X25519Key { get; set; } = [];
    [Parameter("address", "voteKey", 4)] public string VoteKey { get; set; } = "";
}

/// <summary><c>getNode(key)</c>: the node as stored.</summary>
[Function("getNode", typeof(GetNodeOutput))]
public sealed class GetNodeFunction : FunctionMessage
{
    [Parameter("bytes32", "ed25519Key", 1)] public byte[] Ed25519Key { get; set; } = [];
}

/// <summary>The registry's <c>Node</c> struct, as <c>getNode</c> returns it.</summary>
[FunctionOutput]
public sealed class GetNodeOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public NodeStruct Node { get; set; } = new();
}

/// <summary>The registry's <c>Node</c> struct.</summary>
public sealed class NodeStruct
{
    [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
    [Parameter("address", "voteKey", 2)] public string VoteKey { get; set; } = "";
    [Parameter("uint8", "status", 3)] public byte Status { get; set; }
    [Parameter("uint64", "joinedBlock", 4)] public ulong JoinedBlock { get; set; }
    [Parameter("uint64", "unlockBlock", 5)] public ulong UnlockBlock { get; set; }
    [Parameter("bytes32", "x25519Key", 6)] public byte[] X25519Key { get; set; } = [];
    [Parameter("uint16", "port", 7)] public int Port { get; set; }
    [Parameter("string", "host", 8)] public string Host { get; set; } = "";
    [Parameter("uint256", "stake", 9)] public BigInteger Stake { get; set; }
}

/// <summary><c>activeNodes()</c>: the listed nodes' Ed25519 keys in the contract's order.</summary>
[Function("activeNodes", "bytes32[]")]
public sealed class ActiveNodesFunction : FunctionMessage;
