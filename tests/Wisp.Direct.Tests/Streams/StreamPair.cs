using Wisp.Direct.Streams;

namespace Wisp.Direct.Tests.Streams;

/// <summary>Two connected streams on a <see cref="LossyNetwork"/>, with timers short enough for tests.</summary>
internal static class StreamPair
{
    public static readonly StreamOptions Fast = new()
    {
        MinRto = TimeSpan.FromMilliseconds(30),
        InitialRto = TimeSpan.FromMilliseconds(100),
        Tick = TimeSpan.FromMilliseconds(5),
    };

    public static (ReliableStream A, ReliableStream B, LossyNetwork.Peer PeerA, LossyNetwork.Peer PeerB) Connect(LossyNetwork network, StreamOptions? options = null)
    {
        var a = network.AttachStreams(options ?? Fast);
        var b = network.AttachStreams(options ?? Fast);
        var streamA = a.Mux.Create();
        var streamB = b.Mux.Create();
        streamA.Connect(b.EndPoint, streamB.LocalId);
        streamB.Connect(a.EndPoint, streamA.LocalId);
        return (streamA, streamB, a, b);
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads until END, failing past <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]> ReadToEndAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        var all = new MemoryStream();
        var buffer = new byte[7000];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
                return all.ToArray();
            all.Write(buffer, 0, n);
            Assert.True(all.Length <= max, "read more than was written");
        }
    }
}
