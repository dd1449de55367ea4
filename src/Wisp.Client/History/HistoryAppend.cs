using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>
/// Appends a sent 1:1 message to this device's log of that conversation (made on first use: a random log key, the
/// manifest signed by the account), and signs the new head. Called once per message, right after it is queued.
/// </summary>
internal static class HistoryAppend
{
    /// <summary>
    /// Appends <paramref name="content"/> sent to <paramref name="peer"/> at <paramref name="sentAtMs"/>; false when it
    /// is not a message (a receipt, a typing signal) or too large for a log entry.
    /// </summary>
    public static bool Append(AccountData data, Ed25519KeyPair account, AccountId peer, Content content, long sentAtMs, long nowMs)
    {
        if (content.DataMessage is null || peer == account.AccountId)
            return false;
        var store = new HistoryStore(data.Local);
        var bytes = Messaging.MessageContent.Serialize(content);
        if (bytes.Length > HistoryLimits.MaxEntryBytes - 64)
            return false;
        lock (data.Local.Gate)
        {
            using var transaction = data.Local.Begin();
            var logId = store.OwnLogOf(peer) ?? Create(store, account, peer, nowMs);
            using var key = store.OwnKey(logId)!;
            var length = store.Find(logId)!.Length;
            var nodes = store.Nodes(logId);
            var previous = length == 0 ? LogEntry.Genesis : nodes.Get(FlatTree.LeafIndex(length - 1))!.Hash;
            var block = new LogEntry(previous, sentAtMs, bytes).Encode();
            MerkleTree.Append(nodes, length, block);
            store.PutBlock(logId, length, block);
            var head = SignedTreeHead.Sign(key, logId, length + 1, MerkleTree.TreeHash(nodes, length + 1)!);
            store.SetHeld(logId, length + 1, head, nowMs);
            store.SetSeen(head, "self", nowMs);
            transaction.Commit();
        }
        return true;
    }

    private static byte[] Create(HistoryStore store, Ed25519KeyPair account, AccountId peer, long nowMs)
    {
        using var key = Ed25519KeyPair.Generate();
        var manifest = LogManifest.Create(account, key.PublicKey, peer);
        store.AddLog(manifest, key.Seed, nowMs);
        return manifest.LogId;
    }
}
