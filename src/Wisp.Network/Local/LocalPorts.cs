using System.Net;
using System.Net.Sockets;

namespace Wisp.Network.Local;

/// <summary>Free TCP ports on a local address, picked when nodes are added and then kept in <c>network.json</c>.</summary>
public static class LocalPorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports the system says are free on <paramref name="address"/> now, none in
    /// <paramref name="taken"/>. All listeners stay open until every port is picked, so no port is handed out twice.
    /// </summary>
    public static IReadOnlyList<int> PickFree(IPAddress address, int count, IReadOnlySet<int> taken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(taken);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>();
        var ports = new List<int>(count);
        try
        {
            // A port recorded for a node that is not running right now can be handed out by the system again; skip
            // those, with a bound on attempts so a crowded machine fails instead of looping.
            for (var attempts = 0; ports.Count < count && attempts < count * 20 + 100; attempts++)
            {
                var listener = new TcpListener(address, 0);
                listener.Start();
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (!taken.Contains(port))
                    ports.Add(port);
            }
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
        if (ports.Count < count)
            throw new IOException($"Only {ports.Count} of {count} free ports could be found on {address}.");
        return ports;
    }
}
