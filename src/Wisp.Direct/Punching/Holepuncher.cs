using System.Net;

namespace Wisp.Direct.Punching;

/// <summary>
/// Sends the probes of each strategy from one socket. Which probe opened the path is learned from the
/// <see cref="ProbeWatcher"/>; these loops only send, and stop when their token is cancelled.
/// </summary>
public static class Holepuncher
{
    /// <summary>
    /// Consistent or open on both sides: a low-TTL probe to each address to open our mapping, then
    /// <paramref name="rounds"/> rounds of probes to each, one round per <paramref name="interval"/>.
    /// </summary>
    public static async Task RoundsAsync(
        ProbeWatcher socket, IReadOnlyList<IPEndPoint> remote, int rounds, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        foreach (var address in remote) await socket.SendAsync(address, Limits.OpeningTtl, ct);
        for (var round = 0; round < rounds && !ct.IsCancellationRequested; round++)
        {
            foreach (var address in remote) await socket.SendAsync(address, null, ct);
            await Task.Delay(interval, time, ct);
        }
    }

    /// <summary>
    /// We are consistent, the remote random: probes from our one socket to random ports at the remote's verified
    /// host, one per <paramref name="interval"/>, hoping to hit one of the mappings its birthday sockets opened.
    /// </summary>
    public static async Task RandomPortsAsync(
        ProbeWatcher socket, IPAddress verifiedHost, int probes, TimeSpan interval, TimeProvider time, Random random, CancellationToken ct)
    {
        for (var i = 0; i < probes && !ct.IsCancellationRequested; i++)
        {
            var port = random.Next(Limits.RandomPortFloor, 65536);
            await socket.SendAsync(new IPEndPoint(verifiedHost, port), null, ct);
            await Task.Delay(interval, time, ct);
        }
    }
}
