using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Wisp.Chain.Contracts;

// The stake token's ERC-20 calls Wisp uses, as Nethereum function DTOs.

/// <summary>ERC-20 <c>balanceOf</c>.</summary>
[Function("balanceOf", "uint256")]
public sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)] public string Account { get; set; } = "";
}

/// <summary>ERC-20 <c>allowance</c>.</summary>
[Function("allowance", "uint256")]
public sealed class AllowanceFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)] public string Owner { get; set; } = "";
    [Parameter("address", "spender", 2)] public string Spender { get; set; } = "";
}

/// <summary>ERC-20 <c>approve</c>.</summary>
[Function("approve", "bool")]
public sealed class ApproveFunction : FunctionMessage
{
    [Parameter("address", "spender", 1)] public string Spender { get; set; } = "";
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

/// <summary>ERC-20 <c>transfer</c>.</summary>
[Function("transfer", "bool")]
public sealed class TransferFunction : FunctionMessage
{
    [Parameter("address", "to", 1)] public string To { get; set; } = "";
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}
