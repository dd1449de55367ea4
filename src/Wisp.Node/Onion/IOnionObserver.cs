using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// A diagnostic hook that sees exactly what each hop was given and learned, so tests can prove that each hop learns
/// only its neighbours. Internal, and registered by no production wiring: it sees decrypted layers.
/// </summary>
internal interface IOnionObserver
{
    /// <summary>Called once per onion request the node handled; the memory in <paramref name="seen"/> is valid only during the call.</summary>
    void Observe(OnionHopSeen seen);
}

/// <summary>What one hop saw of one onion request.</summary>
/// <param name="Node">This node's Ed25519 key.</param>
/// <param name="PreviousHop">The address the request came from (the client for a guard, the previous node otherwise).</param>
/// <param name="HopNumber">The hop number the request arrived with.</param>
/// <param name="Error">Why the layer was refused, or <see cref="PeelError.None"/>.</param>
/// <param name="Plaintext">Everything this hop decrypted (empty when nothing decrypted).</param>
/// <param name="Instruction">What the layer asked for, when it was readable.</param>
/// <param name="StorageCaller">The caller handed to the storage RPC, when this hop was the destination.</param>
/// <param name="StorageRequest">The RPC body handed to the storage RPC, when this hop was the destination.</param>
internal sealed record OnionHopSeen(
    Ed25519PublicKey Node,
    string PreviousHop,
    int HopNumber,
    PeelError Error,
    ReadOnlyMemory<byte> Plaintext,
    OnionInstruction? Instruction,
    RpcCaller? StorageCaller,
    ReadOnlyMemory<byte> StorageRequest);
