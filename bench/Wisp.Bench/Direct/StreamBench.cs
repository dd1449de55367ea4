using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Wisp.Dht.Transport;
using Wisp.Direct;
using Wisp.Direct.Relay;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Bench.Direct;

/// <summary>
/// ReliableStream throughput on real UDP sockets on loopback: raw datagrams through the same transport first (the
/// ceiling), then one stream directly, then one stream through a blind relay. Each transfer is checked byte for byte
/// before its figure is printed.
/// </summary>
/// <remarks>Options: <c>--mib N</c> (64) bytes per stream transfer; <c>--seconds N</c> (3) for the raw datagram blast.</remarks>
public static class StreamBench
{
    public const string Usage = "[--mib 64] [--seconds 3]";

    public static int Run(string[] args)
    {
        var mib = Option(args, "--mib", 64);
        var seconds = Option(args, "--seconds", 3);
        Console.WriteLine($"Streams over UDP (Wisp.Direct), loopback, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"packet {StreamPacket.MaxDatagramBytes} B (payload {StreamPacket.MaxPayloadBytes} B), windows {Limits.MaxSendBufferBytes >> 20} MiB");
        Console.WriteLine();
        RawDatagramsAsync(seconds).GetAwaiter().GetResult();
        var ok = StreamAsync(mib, relayed: false).GetAwaiter().GetResult()
            && StreamAsync(mib, relayed: true).GetAwaiter().GetResult();
        return ok ? 0 : 1;
    }

    private static async Task RawDatagramsAsync(int seconds)
    {
        await using var a = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var b = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        long received = 0;
        using var registration = b.Demux.Register(StreamPacket.Magic, (_, _) => Interlocked.Increment(ref received));
        var datagram = new byte[StreamPacket.MaxDatagramBytes];
        datagram[0] = StreamPacket.Magic;
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await a.SendAsync(datagram, b.LocalEndPoint);
            sent++;
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        await Task.Delay(200);
        var got = Interlocked.Read(ref received);
        Console.WriteLine($"raw UDP datagrams (one sender, awaited sends): {sent / elapsed:N0} sent/s, {got / elapsed:N0} received/s "
            + $"= {got * StreamPacket.MaxDatagramBytes / elapsed / 1e6:N1} MB/s received ({100.0 * (sent - got) / Math.Max(1, sent):N1}% lost)");
    }

    private static async Task<bool> StreamAsync(int mib, bool relayed)
    {
        await using var socketA = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var socketB = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var relaySocket = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var relay = relaySocket.AttachBlindRelay(TimeProvider.System);
        var (muxA, regA) = socketA.AttachStreams(TimeProvider.System);
        var (muxB, regB) = socketB.AttachStreams(TimeProvider.System);
        var (clientA, regRa) = socketA.AttachRelayClient(TimeProvider.System);
        var (clientB, regRb) = socketB.AttachRelayClient(TimeProvider.System);
        var a = muxA.Create();
        var b = muxB.Create();
        if (relayed)
        {
            var token = RandomNumberGenerator.GetBytes(RelayControl.TokenBytes);
            var pairings = await Task.WhenAll(
                clientA.PairAsync(relaySocket.LocalEndPoint, token, true, a.LocalId),
                clientB.PairAsync(relaySocket.LocalEndPoint, token, false, b.LocalId));
            a.Connect(relaySocket.LocalEndPoint, pairings[0].RelayStreamId);
            b.Connect(relaySocket.LocalEndPoint, pairings[1].RelayStreamId);
        }
        else
        {
            a.Connect(socketB.LocalEndPoint, b.LocalId);
            b.Connect(socketA.LocalEndPoint, a.LocalId);
        }

        var data = new byte[mib << 20];
        new Random(1).NextBytes(data);
        var clock = Stopwatch.StartNew();
        var reading = ReadAllAsync(b, data.Length);
        for (var at = 0; at < data.Length; at += 64 * 1024)
            await a.WriteAsync(data.AsMemory(at, Math.Min(64 * 1024, data.Length - at)));
        await a.EndAsync();
        var got = await reading;
        var elapsed = clock.Elapsed.TotalSeconds;
        var stats = a.Stats;
        foreach (var registration in new[] { regA, regB, regRa, regRb })
            registration.Dispose();
        if (!got.AsSpan().SequenceEqual(data))
        {
            Console.Error.WriteLine("stream delivered different bytes");
            return false;
        }
        Console.WriteLine($"ReliableStream {(relayed ? "through the blind relay" : "direct"),-24}: {mib} MiB in {elapsed:N2} s = {data.Length / elapsed / 1e6:N1} MB/s; "
            + $"{stats.PacketsSent:N0} packets sent, {stats.Retransmits:N0} retransmitted, srtt {stats.SmoothedRtt?.TotalMilliseconds:N2} ms, cwnd {stats.CongestionWindow}");
        return true;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int length)
    {
        var all = new byte[length];
        var at = 0;
        while (at < length)
        {
            var n = await stream.ReadAsync(all.AsMemory(at, Math.Min(64 * 1024, length - at)));
            if (n == 0)
                return [];
            at += n;
        }
        // nothing may follow the last byte but END
        return await stream.ReadAsync(new byte[1]) == 0 ? all : [];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
