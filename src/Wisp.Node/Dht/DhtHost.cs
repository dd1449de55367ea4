using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Dht;
using Wisp.Direct.Streams;
using Wisp.Network.Registry;
using Wisp.Node.Hosting;

namespace Wisp.Node.Dht;

/// <summary>
/// Serves the DHT on UDP at the node's address and HTTPS port number, in persistent mode: it stores records and
/// forward entries and relays peers' handshakes. Binds once the server has started (a port 0 is known then), and
/// joins through the other nodes of the registry. The blind relay rides on the same socket. An IPv6 host gets no DHT (the DHT carries IPv4 only).
/// </summary>
internal sealed class DhtHost(IServiceProvider provider, NodeOptions options, IHostApplicationLifetime lifetime, ILogger<DhtHost> logger)
    : BackgroundService
{
    private DhtNode? _node;

    /// <summary>The running DHT node, once bound.</summary>
    public DhtNode? Node => Volatile.Read(ref _node);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            // Started.
        }
        if (stoppingToken.IsCancellationRequested) return;
        if (options.HostAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            DhtLog.NoIpv4(logger, options.Host);
            return;
        }
        var port = NodeServiceCollectionExtensions.BoundPort(provider, options);
        var local = new IPEndPoint(options.HostAddress, port);
        DhtNode node;
        try
        {
            node = DhtNode.BindUdp(local, new DhtOptions
            {
                Persistent = true,
                Bootstrap = BootstrapNodes(local),
                // A node bound to one address is reached at it; one bound to all learns its address from its peers.
                PublicEndPoint = options.HostAddress.Equals(IPAddress.Any) ? null : local,
            }, provider.GetRequiredService<TimeProvider>());
        }
        catch (SocketException exception)
        {
            // The storage service matters more than the DHT: a taken UDP port costs the DHT, not the node.
            DhtLog.BindFailed(logger, local.ToString(), exception.Message);
            return;
        }
        Volatile.Write(ref _node, node);
        DhtLog.Serving(logger, local.ToString());
        // The blind relay of last resort shares the DHT's socket (it takes 0x04 and 0xFF).
        using var relay = node.Transport.AttachBlindRelay(provider.GetRequiredService<TimeProvider>());
        try
        {
            await node.BootstrapAsync(stoppingToken).ConfigureAwait(false);
            DhtLog.Joined(logger, node.RoutingTableSize);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private List<IPEndPoint> BootstrapNodes(IPEndPoint self)
    {
        var registry = provider.GetService<INodeRegistry>();
        if (registry is null) return [];
        return
        [
            .. registry.Current.ActiveNodes
                .Select(n => IPAddress.TryParse(n.Host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(ip, n.Port) : null)
                .OfType<IPEndPoint>()
                .Where(e => !e.Equals(self))
                .Take(global::Wisp.Dht.Limits.K),
        ];
    }
}
