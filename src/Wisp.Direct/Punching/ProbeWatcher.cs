using System.Collections.Concurrent;
using System.Net;
using Wisp.Dht.Transport;

namespace Wisp.Direct.Punching;

/// <summary>
/// Receives the 1-byte hole-punch probes arriving on one socket and hands the first one from an awaited host to its
/// waiter; probes from hosts nobody awaits are ignored. Optionally echoes, as the responding side does, so the
/// initiator learns which of its probes got through.
/// </summary>
public sealed class ProbeWatcher
{
    /// <summary>The probe's one byte.</summary>
    public static readonly byte[] Probe = [0x00];

    private readonly IDatagramTransport _transport;
    private readonly ConcurrentDictionary<Watch, byte> _watches = new();

    /// <summary>Watches <paramref name="transport"/>; call <see cref="OnProbe"/> from its demux.</summary>
    public ProbeWatcher(IDatagramTransport transport) => _transport = transport;

    /// <summary>Probes seen from any host (a counter for tests and status).</summary>
    public long Received => Interlocked.Read(ref _received);

    private long _received;

    /// <summary>Starts waiting for a probe from one of <paramref name="hosts"/>; dispose the watch when done.</summary>
    public Watch Expect(IReadOnlyCollection<IPAddress> hosts, bool echo)
    {
        var watch = new Watch(this, hosts.Select(Normalize).ToHashSet(), echo);
        _watches[watch] = 0;
        return watch;
    }

    /// <summary>The demux's probe handler: never blocks, never throws.</summary>
    public void OnProbe(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        Interlocked.Increment(ref _received);
        var host = Normalize(from.Address);
        foreach (var watch in _watches.Keys)
        {
            if (!watch.Hosts.Contains(host)) continue;
            if (watch.Echo) _ = SendAsync(from, null, CancellationToken.None);
            watch.Arrived.TrySetResult(new IPEndPoint(host, from.Port));
        }
    }

    /// <summary>Sends one probe; <paramref name="ttl"/> low opens our NAT without reaching the remote's.</summary>
    public async Task SendAsync(IPEndPoint to, int? ttl, CancellationToken ct)
    {
        try
        {
            await _transport.SendAsync(Probe, to, ttl, ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A probe is a hint: a send that fails is the same as one the network lost.
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>One wait for a probe from a set of hosts.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly ProbeWatcher _owner;

        internal Watch(ProbeWatcher owner, HashSet<IPAddress> hosts, bool echo)
        {
            _owner = owner;
            Hosts = hosts;
            Echo = echo;
        }

        internal HashSet<IPAddress> Hosts { get; }

        internal bool Echo { get; }

        internal TaskCompletionSource<IPEndPoint> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with the address of the first probe from an awaited host.</summary>
        public Task<IPEndPoint> First => Arrived.Task;

        /// <summary>Stops watching.</summary>
        public void Dispose()
        {
            _owner._watches.TryRemove(this, out _);
            Arrived.TrySetCanceled();
        }
    }
}
