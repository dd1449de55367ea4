using System.Diagnostics;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.History;

namespace Wisp.Bench.History;

/// <summary>
/// <c>history</c>: signed history logs in memory: appends/s (entry, tree, signed head), then for ranges of 1, 100 and
/// 10,000 entries the proof's size and the time to verify it (in answers of at most 256 blocks, each with its head's
/// signature checked, as replication does), beside libsodium's raw Ed25519 sign/verify and BLAKE2b-256 rates from the
/// same run. Every proof is checked valid before it is timed.
/// </summary>
internal static class HistoryBench
{
    public static int Run(string[] args)
    {
        var length = args.Length >= 2 && args[0] == "--length" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        if (length < 10_100)
        {
            Console.Error.WriteLine("--length must be at least 10100 (the largest range is 10,000 entries).");
            return 2;
        }
        using var account = Ed25519KeyPair.Generate();
        using var key = Ed25519KeyPair.Generate();
        var manifest = LogManifest.Create(account, key.PublicKey, Ed25519KeyPair.Generate().AccountId);
        var logId = manifest.LogId;
        var nodes = new MemoryTreeNodes();
        var blocks = new List<byte[]>(length);
        var content = new byte[200]; // a short text message's protobuf Content is about this size
        Random.Shared.NextBytes(content);

        Console.WriteLine($"history: a log of {length:N0} entries of {content.Length + 45} bytes, in memory");
        var watch = Stopwatch.StartNew();
        SignedTreeHead head = null!;
        for (var i = 0; i < length; i++)
        {
            var previous = i == 0 ? LogEntry.Genesis : nodes.Get(FlatTree.LeafIndex((ulong)i - 1))!.Hash;
            var block = new LogEntry(previous, 1_800_000_000_000 + i, content).Encode();
            MerkleTree.Append(nodes, (ulong)i, block);
            blocks.Add(block);
            head = SignedTreeHead.Sign(key, logId, (ulong)i + 1, MerkleTree.TreeHash(nodes, (ulong)i + 1)!);
        }
        watch.Stop();
        Console.WriteLine($"  append (entry + tree + signed head): {length / watch.Elapsed.TotalSeconds,12:N0} /s");
        if (!head.Verify(key.PublicKey))
            throw new InvalidOperationException("the last head does not verify");

        foreach (var size in new[] { 1, 100, 10_000 })
        {
            var start = (ulong)(length / 2 - size / 2);
            var answers = new List<RangeProof>();
            for (var at = 0; at < size; at += HistoryLimits.MaxRangeBlocks)
            {
                var count = Math.Min(HistoryLimits.MaxRangeBlocks, size - at);
                answers.Add(HistoryProofs.Range(nodes, (ulong)length, start + (ulong)at, blocks.GetRange((int)start + at, count)));
            }
            foreach (var answer in answers)
                if (!HistoryProofs.VerifyRange(head, answer, out var error))
                    throw new InvalidOperationException($"a proof of {size} does not verify: {error}");
            var proofBytes = answers.Sum(a => a.Nodes.Count * TreeNode.WireBytes) + answers.Count * SignedTreeHead.WireBytes;
            var wireBytes = answers.Sum(a => a.WireBytes) + answers.Count * SignedTreeHead.WireBytes;
            var rounds = Math.Max(3, 2_000 / size);
            watch.Restart();
            for (var r = 0; r < rounds; r++)
                foreach (var answer in answers)
                {
                    if (!head.Verify(key.PublicKey) || !HistoryProofs.VerifyRange(head, answer, out _))
                        throw new InvalidOperationException("verification failed while timed");
                }
            watch.Stop();
            var perRange = watch.Elapsed.TotalMilliseconds / rounds;
            Console.WriteLine(
                $"  range of {size,6:N0}: {answers.Count,3} answer(s), proof {proofBytes,7:N0} B (nodes + heads), on the wire {wireBytes,10:N0} B, verify {perRange,9:N3} ms ({perRange * 1000 / size,8:N2} µs/entry)");
        }

        Raw(key);
        return 0;
    }

    // The machine's limits from the same run: what a head's signature and a node's hash cost at the least.
    private static void Raw(Ed25519KeyPair key)
    {
        var message = new byte[112];
        var signature = Ed25519.Sign(key, message);
        const int Signs = 5_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Signs; i++)
            Ed25519.Sign(key, message);
        var signRate = Signs / watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (var i = 0; i < Signs; i++)
            if (!Ed25519.Verify(key.PublicKey, message, signature))
                throw new InvalidOperationException("raw verify failed");
        var verifyRate = Signs / watch.Elapsed.TotalSeconds;
        var input = new byte[73]; // a parent: type, size, two hashes
        Span<byte> output = stackalloc byte[32];
        const int Hashes = 500_000;
        watch.Restart();
        for (var i = 0; i < Hashes; i++)
            Blake2b.Hash(input, output);
        var hashRate = Hashes / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  libsodium, same run: Ed25519 sign {signRate,10:N0} /s, verify {verifyRate,10:N0} /s, BLAKE2b-256 of 73 B {hashRate,12:N0} /s");
    }
}
