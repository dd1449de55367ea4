using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// The node's view of the swarms: whether it serves an address, and which swarm does. The storage RPC answers 421
/// with <see cref="SwarmFor"/> for addresses it does not serve (an empty swarm while there is none).
/// </summary>
public interface ISwarmDirectory
{
    /// <summary>True when this node is a member of the swarm that serves <paramref name="pubkey"/>.</summary>
    bool Serves(StoragePubkey pubkey);

    /// <summary>The swarm that serves <paramref name="pubkey"/>, with its members; null while the network has no swarms yet.</summary>
    SwarmView? SwarmFor(StoragePubkey pubkey);

    /// <summary>
    /// What <c>ifelse</c> compares with <c>height_at_least</c>/<c>height_before</c>: Session's blockchain height. A Wisp
    /// network has no chain; its registry's version plays the part (it only grows), and a node alone reports 0.
    /// </summary>
    long Height => 0;

    /// <summary>
    /// Every active node the network lists, with the registry's version and hash (<c>oxend_request</c>
    /// <c>get_service_nodes</c>). A directory that knows no network lists nothing.
    /// </summary>
    NodeListing Listing() => NodeListing.Empty;
}

/// <summary>A swarm: its id on the u64 ring and its members.</summary>
public sealed record SwarmView(ulong SwarmId, IReadOnlyList<SwarmMember> Members);

/// <summary>
/// A swarm member as clients need it: keys and address. <paramref name="OmqPort"/> is Session's node-to-node port;
/// Wisp nodes speak only HTTPS, so it is 0 until they have another port.
/// </summary>
public sealed record SwarmMember(Ed25519PublicKey Ed25519, X25519PublicKey X25519, string Ip, int HttpsPort, int OmqPort);
