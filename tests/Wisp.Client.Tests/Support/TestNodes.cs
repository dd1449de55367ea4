using Wisp.Client.Paths;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Support;

/// <summary>Node key pairs from fixed seeds, and the <see cref="ServiceNode"/>s they make, for tests without a network.</summary>
internal static class TestNodes
{
    public static Ed25519KeyPair Keys(int index)
    {
        var seed = new byte[Ed25519KeyPair.SeedBytes];
        BitConverter.TryWriteBytes(seed, index + 1);
        seed[31] = 0x5A;
        return Ed25519KeyPair.FromSeed(seed);
    }

    public static ServiceNode Node(Ed25519KeyPair keys, int port) =>
        new(keys.PublicKey, keys.X25519PublicKey, new Uri($"https://127.0.0.1:{port}"));

    public static ServiceNode Node(int index)
    {
        using var keys = Keys(index);
        return Node(keys, 20_000 + index);
    }

    public static List<ServiceNode> Nodes(int count) => [.. Enumerable.Range(0, count).Select(Node)];
}

/// <summary>A clock that reads a fixed time plus whatever the test advances it by.</summary>
internal sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
