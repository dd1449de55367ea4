using System.Numerics;
using Wisp.Crypto.Keys;

namespace Wisp.Chain.Registry;

/// <summary>A node as the registry contract stores it now (<c>getNode</c>).</summary>
/// <param name="Node">The node's Ed25519 key.</param>
/// <param name="Operator">Who staked it.</param>
/// <param name="VoteKey">The address of its vote key.</param>
/// <param name="Status">Its status.</param>
/// <param name="JoinedBlock">The block of its join.</param>
/// <param name="UnlockBlock">While exiting or deregistered: the first block its stake may be withdrawn in; else 0.</param>
/// <param name="Host">Its host.</param>
/// <param name="Port">Its port.</param>
/// <param name="Stake">What a withdrawal returns (after any penalty), in token base units.</param>
public sealed record ChainNodeInfo(
    Ed25519PublicKey Node, string Operator, string VoteKey, ChainNodeStatus Status, long JoinedBlock, long UnlockBlock, string Host, int Port, BigInteger Stake);
