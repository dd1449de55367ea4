using System.Numerics;
using Nethereum.ABI;
using Nethereum.Util;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Chain.Keys;

/// <summary>
/// The proof a node gives when it stakes that it holds its Ed25519 key. The contract cannot check Ed25519, so it
/// only records the proof in its <c>NodeJoined</c> event; every <see cref="Registry.EvmRegistry"/> checks it and
/// never lists a node whose proof fails, so no one can stake in another node's name.
/// </summary>
/// <remarks>
/// The proof is the node key's Ed25519 signature over the contract's <c>joinProofMessage</c>: the 32 bytes
/// <c>keccak256(abi.encode(keccak256("wisp-registry-join-v1"), uint256 chainId, address registry, address operator,
/// bytes32 ed25519Key, bytes32 x25519Key, address voteKey))</c>. Binding the operator stops a watcher from copying a
/// pending join's proof into a stake of its own.
/// </remarks>
public static class JoinProof
{
    private static readonly byte[] DomainHash = Sha3Keccack.Current.CalculateHash("wisp-registry-join-v1"u8.ToArray());

    /// <summary>The node's proof for a join by <paramref name="operatorAddress"/> with vote key <paramref name="voteKey"/>.</summary>
    public static byte[] Sign(Ed25519KeyPair node, long chainId, string registryAddress, string operatorAddress, string voteKey)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Ed25519.Sign(node, Message(chainId, registryAddress, operatorAddress, node.PublicKey, node.X25519PublicKey, voteKey));
    }

    /// <summary>True when <paramref name="proof"/> is <paramref name="node"/>'s proof for this join.</summary>
    public static bool Verify(ReadOnlySpan<byte> proof, long chainId, string registryAddress, string operatorAddress, Ed25519PublicKey node, X25519PublicKey x25519, string voteKey) =>
        proof.Length == Ed25519.SignatureBytes
        && Ed25519.Verify(node, Message(chainId, registryAddress, operatorAddress, node, x25519, voteKey), proof);

    /// <summary>The 32 bytes signed: the contract's <c>joinProofMessage(operator, ed25519Key, x25519Key, voteKey)</c>.</summary>
    public static byte[] Message(long chainId, string registryAddress, string operatorAddress, Ed25519PublicKey node, X25519PublicKey x25519, string voteKey)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(x25519);
        return new ABIEncode().GetSha3ABIEncoded(
            new ABIValue("bytes32", DomainHash),
            new ABIValue("uint256", new BigInteger(chainId)),
            new ABIValue("address", registryAddress),
            new ABIValue("address", operatorAddress),
            new ABIValue("bytes32", node.Span.ToArray()),
            new ABIValue("bytes32", x25519.Span.ToArray()),
            new ABIValue("address", voteKey));
    }
}
