using System.Text.Json.Nodes;
using Wisp.Crypto.Signing;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// What every handler needs of the node: its store, key, clock and swarm view, and the shapes they share.
/// <paramref name="signatureToleranceMs"/> is the clock tolerance of client signatures: 60 s for requests from clients,
/// 70 s for requests a swarm peer forwarded. <paramref name="arrivals"/>, when given, lets retrieves wait for new
/// messages (Wisp's <c>wisp_wait_ms</c>).
/// </summary>
internal sealed class RpcNode(
    IMessageStore store, NodeIdentity identity, TimeProvider time, ISwarmDirectory swarms,
    long signatureToleranceMs = StorageLimits.SignatureToleranceMs, MessageArrivals? arrivals = null)
{
    private readonly string _keyHex = identity.Keys.PublicKey.ToHex();

    public IMessageStore Store => store;

    /// <summary>Where waiting retrieves wait for new messages; null where retrieves never wait.</summary>
    public MessageArrivals? Arrivals => arrivals;

    /// <summary>The node's clock.</summary>
    public TimeProvider Time => time;

    /// <summary>This node's Ed25519 key, hex: its key in <c>"swarm"</c> maps.</summary>
    public string KeyHex => _keyHex;

    /// <summary>How far a client's signed timestamp may be from the node's clock, ms.</summary>
    public long SignatureToleranceMs => signatureToleranceMs;

    /// <summary>The node's clock, Unix ms.</summary>
    public long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The node's Ed25519 signature over <paramref name="message"/>, base64.</summary>
    public string SignBase64(byte[] message) => Convert.ToBase64String(Ed25519.Sign(identity.Keys, message));

    /// <summary>The 421 for an address another swarm serves: that swarm in get_swarm form, plus the error fields.</summary>
    public RpcResult? MisdirectedUnlessServed(StoragePubkey pubkey)
    {
        if (swarms.Serves(pubkey))
            return null;
        if (swarms.SwarmFor(pubkey) is not { } swarm)
            return NoSwarms();
        var body = SwarmJson.Of(swarm);
        body["error"] = "this node's swarm does not serve this pubkey; send the request to a node of the swarm listed here";
        body["status"] = RpcStatus.MisdirectedRequest;
        return new RpcResult(RpcStatus.MisdirectedRequest, body);
    }

    /// <summary>The swarm serving <paramref name="pubkey"/>, in get_swarm form, or null while there are no swarms.</summary>
    public JsonObject? SwarmBody(StoragePubkey pubkey) => swarms.SwarmFor(pubkey) is { } swarm ? SwarmJson.Of(swarm) : null;

    /// <summary>The 503 of a network whose registry has no swarms yet: nobody serves any address.</summary>
    public static RpcResult NoSwarms() => RpcResult.Fail(Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable,
        "the network has no swarms yet (its registry lists too few nodes); no node serves any address until it does — retry later");

    /// <summary>A recursive method's answer: <c>{"swarm": {this node's ed25519 hex: mine}, "t": now}</c>.</summary>
    public JsonObject SwarmResult(JsonObject mine, long nowMs) => new()
    {
        ["swarm"] = new JsonObject { [_keyHex] = mine },
        ["t"] = nowMs,
    };
}
