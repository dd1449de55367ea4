using System.Numerics;
using System.Text;
using Nethereum.ABI;
using Nethereum.Util;

namespace Wisp.Chain.Votes;

/// <summary>
/// The 32 bytes a quorum member signs for a vote, exactly as the registry's <c>voteDigest</c> computes them:
/// <c>keccak256(abi.encode(keccak256("wisp-registry-vote-v1"), uint256 chainId, address registry, uint8 action,
/// bytes32 target, uint64 round))</c>. The chain and the contract's address are in it, so a vote cannot be replayed on
/// another deployment; the round is in it, so it cannot be replayed in a later round.
/// </summary>
public static class VoteDigest
{
    /// <summary>The domain tag: keccak256 of "wisp-registry-vote-v1".</summary>
    public static byte[] Tag { get; } = Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes("wisp-registry-vote-v1"));

    /// <summary>The digest of <paramref name="action"/> (1 decommission, 2 recommission, 3 deregister) on <paramref name="target"/> in <paramref name="round"/>.</summary>
    public static byte[] Of(BigInteger chainId, string registry, byte action, ReadOnlySpan<byte> target, ulong round)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (target.Length != 32)
            throw new ArgumentException($"A vote's target is a 32-byte Ed25519 key; got {target.Length} bytes.", nameof(target));
        return new ABIEncode().GetSha3ABIEncoded(
            new ABIValue("bytes32", Tag),
            new ABIValue("uint256", chainId),
            new ABIValue("address", registry),
            new ABIValue("uint8", action),
            new ABIValue("bytes32", target.ToArray()),
            new ABIValue("uint64", round));
    }
}
