using Wisp.Crypto.Signing;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// What every handler needs of the node: its store, key, clock and swarm view, and the answers they share.
/// <paramref name="arrivals"/>, when given, lets retrieves wait for new messages (Wisp's <c>wisp_wait_ms</c>).
/// <paramref name="random"/> picks the nodes of a limited <c>get_service_nodes</c> (the shared generator when null).
/// </summary>
internal sealed class RpcNode(
    IMessageStore store, NodeIdentity identity, TimeProvider time, ISwarmDirectory swarms, MessageArrivals? arrivals = null, Random? random = null)
{
    private readonly string _keyHex = identity.Keys.PublicKey.ToHex();

    public IMessageStore Store => store;

    /// <summary>Where waiting retrieves wait for new messages; null where retrieves never wait.</summary>
    public MessageArrivals? Arrivals => arrivals;

    /// <summary>The node's clock.</summary>
    public TimeProvider Time => time;

    /// <summary>This node's Ed25519 key, hex: its key in <c>"swarm"</c> maps.</summary>
    public string KeyHex => _keyHex;

    /// <summary>The network fork this node reports (<c>hf</c>).</summary>
    public HardFork Hf => ProtocolVersions.HardFork;

    /// <summary>What ifelse calls the height (see <see cref="ISwarmDirectory.Height"/>).</summary>
    public long Height => swarms.Height;

    /// <summary>Where the node's random choices come from.</summary>
    public Random Random => random ?? Random.Shared;

    /// <summary>Every node the network lists (see <see cref="ISwarmDirectory.Listing"/>).</summary>
    public NodeListing Listing() => swarms.Listing();

    /// <summary>The node's clock, Unix ms.</summary>
    public long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The node's Ed25519 signature over <paramref name="message"/>, base64.</summary>
    public string SignBase64(byte[] message) => Convert.ToBase64String(Ed25519.Sign(identity.Keys, message));

    /// <summary>Session's 421 for an address another swarm serves: that swarm in get_swarm form (with t and hf).</summary>
    public RpcReply? MisdirectedUnlessServed(StoragePubkey pubkey) =>
        swarms.Serves(pubkey) ? null : RpcReply.Of(RpcStatus.MisdirectedRequest, SwarmOf(pubkey));

    /// <summary>The get_swarm body for <paramref name="pubkey"/>: its swarm, or none (empty, id all ones).</summary>
    public GetSwarmResponse SwarmOf(StoragePubkey pubkey)
    {
        var swarm = swarms.SwarmFor(pubkey);
        var members = swarm?.Members.Select(m => new SwarmNodeInfo(m.Ed25519.ToHex(), m.X25519.ToHex(), m.Ip, m.HttpsPort, m.OmqPort))
            .ToList() ?? [];
        return new GetSwarmResponse(members, swarm?.SwarmId ?? GetSwarmResponse.InvalidSwarmId, NowMs(), Hf);
    }
}
