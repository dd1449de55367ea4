using Wisp.Client.Paths;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;

namespace Wisp.Client.Swarm;

/// <summary>One node's signed answer to a recursive request (store, delete).</summary>
/// <param name="Node">The node, by the key its entry was listed under.</param>
/// <param name="Confirmed">True when the node is in the registry, its signature verifies with its key, and it says what was asked.</param>
internal sealed record NodeConfirmation(Ed25519PublicKey Node, bool Confirmed);

/// <summary>A stored message: its hash and which nodes confirmed it.</summary>
/// <param name="Hash">The message hash, as the client computed it (every confirming node returned the same).</param>
/// <param name="ExpiryMs">The expiry the answering node applied, Unix ms.</param>
/// <param name="Nodes">Every node's entry in the answer.</param>
internal sealed record StoreReceipt(string Hash, long ExpiryMs, IReadOnlyList<NodeConfirmation> Nodes)
{
    /// <summary>How many nodes confirmed the store with a valid signature.</summary>
    public int Confirmed => Nodes.Count(n => n.Confirmed);
}

/// <summary>What one node returned for a retrieve.</summary>
/// <param name="Messages">The messages after the given <c>last_hash</c>, oldest first (the retrieve reply's own records).</param>
/// <param name="More">True when the node has more; ask again with the last hash.</param>
/// <param name="Node">The node that answered: <c>last_hash</c> values are that node's, so keep them per node.</param>
internal sealed record RetrievedMessages(IReadOnlyList<RetrievedMessage> Messages, bool More, ServiceNode Node)
{
    /// <summary>The hash to send as the next <c>last_hash</c> to <see cref="Node"/>, or null when nothing came.</summary>
    public string? LastHash => Messages.Count > 0 ? Messages[^1].Hash : null;
}

/// <summary>The outcome of a delete: what each node deleted, and whether it signed that.</summary>
/// <param name="Nodes">Every node's entry in the answer.</param>
/// <param name="Deleted">The hashes the first confirming node deleted, sorted.</param>
internal sealed record DeleteReceipt(IReadOnlyList<NodeConfirmation> Nodes, IReadOnlyList<string> Deleted)
{
    /// <summary>How many nodes confirmed with a valid signature.</summary>
    public int Confirmed => Nodes.Count(n => n.Confirmed);
}
