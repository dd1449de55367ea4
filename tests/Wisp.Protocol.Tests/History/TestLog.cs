using Wisp.Crypto.Keys;
using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>A log built in memory: entries chained, tree appended, heads signed with a fresh log key.</summary>
internal sealed class TestLog : IDisposable
{
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();

    public TestLog(int length)
    {
        Manifest = LogManifest.Create(_account, Key.PublicKey, Ed25519KeyPair.Generate().AccountId);
        for (var i = 0; i < length; i++)
            Append($"message {i}");
    }

    public Ed25519KeyPair Key { get; } = Ed25519KeyPair.Generate();

    public LogManifest Manifest { get; }

    public MemoryTreeNodes Nodes { get; } = new();

    public List<byte[]> Blocks { get; } = [];

    public ulong Length => (ulong)Blocks.Count;

    public void Append(string text)
    {
        var previous = Blocks.Count == 0 ? LogEntry.Genesis : Nodes.Get(FlatTree.LeafIndex(Length - 1))!.Hash;
        var block = new LogEntry(previous, 1_800_000_000_000 + Blocks.Count, System.Text.Encoding.UTF8.GetBytes(text)).Encode();
        MerkleTree.Append(Nodes, Length, block);
        Blocks.Add(block);
    }

    public SignedTreeHead Head(ulong? length = null)
    {
        var at = length ?? Length;
        return SignedTreeHead.Sign(Key, Manifest.LogId, at, MerkleTree.TreeHash(Nodes, at)!);
    }

    public RangeProof Range(ulong start, int count, ulong? length = null) =>
        HistoryProofs.Range(Nodes, length ?? Length, start, Blocks.GetRange((int)start, count));

    public void Dispose()
    {
        Key.Dispose();
        _account.Dispose();
    }
}
