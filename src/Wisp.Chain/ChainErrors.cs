using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.Hex.HexConvertors.Extensions;
using Wisp.Chain.Contracts;

namespace Wisp.Chain;

/// <summary>Puts a failed chain call into words: the contract's refusal by name and meaning, or what went wrong on the way.</summary>
internal static class ChainErrors
{
    /// <summary>A user-facing message for <paramref name="e"/>, or null when it is not a chain failure (let it through).</summary>
    public static string? Describe(Exception e)
    {
        switch (e)
        {
            case ChainException chain:
                return chain.Message;
            case SmartContractCustomErrorRevertException custom:
                return Custom(custom);
            case SmartContractRevertException revert:
                return $"the contract refused: {revert.RevertMessage}";
            case RpcResponseException rpc when rpc.RpcError?.Message is { } message:
                return message.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase)
                    ? $"not enough ETH to pay for gas ({message})"
                    : $"the chain refused the call: {message}";
            case RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException:
                return $"the chain did not answer ({e.GetBaseException().Message})";
            default:
                return null;
        }
    }

    private static string Custom(SmartContractCustomErrorRevertException e)
    {
        if (e.IsCustomErrorFor<NodeNotFoundError>())
            return $"node {e.DecodeError<NodeNotFoundError>().Key.ToHex()} is not staked in this registry";
        if (e.IsCustomErrorFor<NotOperatorError>())
            return $"{e.DecodeError<NotOperatorError>().Caller} is not the operator who staked this node";
        if (e.IsCustomErrorFor<WrongStatusError>())
            return $"the node is {(Registry.ChainNodeStatus)e.DecodeError<WrongStatusError>().Status}, which does not allow this";
        if (e.IsCustomErrorFor<ExitNotRequestedError>())
            return "the node has not asked to exit; run `wisp node exit` first";
        if (e.IsCustomErrorFor<StakeLockedError>())
        {
            var locked = e.DecodeError<StakeLockedError>();
            return $"the stake is locked until block {locked.UnlockBlock} (now {locked.CurrentBlock})";
        }
        if (e.IsCustomErrorFor<NothingToClaimError>())
            return "the node has no rewards to claim yet";
        if (e.IsCustomErrorFor<NodeExistsError>())
            return "this node is already staked";
        if (e.IsCustomErrorFor<X25519KeyInUseError>())
            return "another staked node already uses this node's X25519 key";
        if (e.IsCustomErrorFor<VoteKeyInUseError>())
            return $"the vote key {e.DecodeError<VoteKeyInUseError>().VoteKey} is already used by another node";
        if (e.IsCustomErrorFor<InsufficientStakeBalanceError>())
        {
            var funds = e.DecodeError<InsufficientStakeBalanceError>();
            return $"not enough stake tokens: the stake is {Tokens.Format(funds.Required)}, the operator holds {Tokens.Format(funds.Balance)}";
        }
        if (e.IsCustomErrorFor<StakeNotApprovedError>())
            return "the registry may not take the stake: approve it on the token first";
        if (e.IsCustomErrorFor<WrongStakeAmountError>())
            return $"the stake must be exactly {Tokens.Format(e.DecodeError<WrongStakeAmountError>().Required)}";
        if (e.IsCustomErrorFor<InvalidHostError>())
            return "the registry refuses the host (empty or longer than 253 bytes)";
        if (e.IsCustomErrorFor<InvalidPortError>())
            return "the registry refuses port 0";
        return $"the contract refused the call (error {e.ExceptionEncodedData?[..Math.Min(10, e.ExceptionEncodedData.Length)]})";
    }
}
