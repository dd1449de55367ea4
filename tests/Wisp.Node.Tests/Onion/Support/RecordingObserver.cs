using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Node.Onion;
using Wisp.Node.Rpc;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion.Support;

/// <summary>Keeps a copy of what a node's relay saw of every onion request.</summary>
internal sealed class RecordingObserver : IOnionObserver
{
    private readonly ConcurrentQueue<HopRecord> _seen = new();

    public IReadOnlyList<HopRecord> Seen => [.. _seen];

    public void Clear() => _seen.Clear();

    public void Observe(OnionHopSeen seen) => _seen.Enqueue(new HopRecord(
        seen.Node, seen.PreviousHop, seen.HopNumber, seen.Error, seen.Plaintext.ToArray(), seen.Instruction, seen.StorageCaller,
        seen.StorageRequest.ToArray()));
}

/// <summary>A copy of <see cref="OnionHopSeen"/> that outlives the request.</summary>
internal sealed record HopRecord(
    Ed25519PublicKey Node, string PreviousHop, int HopNumber, PeelError Error, byte[] Plaintext, OnionInstruction? Instruction,
    RpcCaller? StorageCaller, byte[] StorageRequest);
