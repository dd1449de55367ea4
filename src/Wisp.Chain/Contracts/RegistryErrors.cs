using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Wisp.Chain.Contracts;

// The registry's refusals an operator can meet (IWispRegistry.sol), as Nethereum error DTOs, so a revert is told
// back in words (ChainErrors) instead of as a selector.

[Error("NodeNotFound")] public sealed class NodeNotFoundError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; }
[Error("NotOperator")] public sealed class NotOperatorError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; [Parameter("address", "caller", 2)] public string Caller { get; set; } = ""; }
[Error("WrongStatus")] public sealed class WrongStatusError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; [Parameter("uint8", "status", 2)] public byte Status { get; set; } }
[Error("ExitNotRequested")] public sealed class ExitNotRequestedError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; }
[Error("StakeLocked")] public sealed class StakeLockedError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; [Parameter("uint64", "unlockBlock", 2)] public ulong UnlockBlock { get; set; } [Parameter("uint256", "currentBlock", 3)] public BigInteger CurrentBlock { get; set; } }
[Error("NothingToClaim")] public sealed class NothingToClaimError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; }
[Error("NodeExists")] public sealed class NodeExistsError { [Parameter("bytes32", "ed25519Key", 1)] public byte[] Key { get; set; } = []; }
[Error("X25519KeyInUse")] public sealed class X25519KeyInUseError { [Parameter("bytes32", "x25519Key", 1)] public byte[] Key { get; set; } = []; }
[Error("VoteKeyInUse")] public sealed class VoteKeyInUseError { [Parameter("address", "voteKey", 1)] public string VoteKey { get; set; } = ""; }
[Error("InsufficientStakeBalance")] public sealed class InsufficientStakeBalanceError { [Parameter("uint256", "required", 1)] public BigInteger Required { get; set; } [Parameter("uint256", "balance", 2)] public BigInteger Balance { get; set; } }
[Error("StakeNotApproved")] public sealed class StakeNotApprovedError { [Parameter("uint256", "required", 1)] public BigInteger Required { get; set; } [Parameter("uint256", "allowance", 2)] public BigInteger Allowance { get; set; } }
[Error("WrongStakeAmount")] public sealed class WrongStakeAmountError { [Parameter("uint256", "required", 1)] public BigInteger Required { get; set; } [Parameter("uint256", "given", 2)] public BigInteger Given { get; set; } }
[Error("InvalidHost")] public sealed class InvalidHostError;
[Error("InvalidPort")] public sealed class InvalidPortError;
