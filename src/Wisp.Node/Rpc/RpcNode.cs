using System.Text.Json.Nodes;
using Wisp.Crypto.Signing;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>What every handler needs of the node: its store, key, clock and swarm view, and the shapes they share.</summary>
internal sealed class RpcNode(IMessageStore store, NodeIdentity identity, TimeProvider time, ISwarmDirectory swarms)
{
    private readonly string _keyHex = identity.Keys.PublicKey.ToHex();

    public IMessageStore Store => store;

    /// <summary>The node's clock, Unix ms.</summary>
    public long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The node's Ed25519 signature over <paramref name="message"/>, base64.</summary>
    public string SignBase64(byte[] message) => Convert.ToBase64String(Ed25519.Sign(identity.Keys, message));

    /// <summary>The 421 for an address another swarm serves: that swarm in get_swarm form, plus the error fields.</summary>
    public RpcResult? MisdirectedUnlessServed(StoragePubkey pubkey)
    {
        if (swarms.Serves(pubkey))
            return null;
        var body = SwarmJson.Of(swarms.SwarmFor(pubkey));
        body["error"] = "this node's swarm does not serve this pubkey; send the request to a node of the swarm listed here";
        body["status"] = RpcStatus.MisdirectedRequest;
        return new RpcResult(RpcStatus.MisdirectedRequest, body);
    }

    /// <summary>The swarm serving <paramref name="pubkey"/>, in get_swarm form.</summary>
    public JsonObject SwarmBody(StoragePubkey pubkey) => SwarmJson.Of(swarms.SwarmFor(pubkey));

    /// <summary>A recursive method's answer: <c>{"swarm": {this node's ed25519 hex: mine}, "t": now}</c>.</summary>
    public JsonObject SwarmResult(JsonObject mine, long nowMs) => new()
    {
        ["swarm"] = new JsonObject { [_keyHex] = mine },
        ["t"] = nowMs,
    };
}
