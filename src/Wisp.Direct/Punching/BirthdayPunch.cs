using System.Net;
using Wisp.Dht.Transport;

namespace Wisp.Direct.Punching;

/// <summary>
/// We are random, the remote consistent: many fresh sockets each probe the remote's one address, so our NAT holds
/// many mappings towards it; the remote's random-port probes hit one of them by the birthday paradox. The winning
/// socket is returned (the rest are closed) and carries the session from then on.
/// </summary>
public sealed class BirthdayPunch : IAsyncDisposable
{
    private readonly List<(IDatagramTransport Transport, ProbeWatcher Watcher, ProbeWatcher.Watch Watch)> _sockets = [];
    private IDatagramTransport? _winner;

    private BirthdayPunch()
    {
    }

    /// <summary>Opens <paramref name="count"/> sockets bound like <paramref name="bindLike"/> (port 0) and watches each for the remote.</summary>
    public static BirthdayPunch Open(IPEndPoint bindLike, int count, IPAddress remoteHost)
    {
        var punch = new BirthdayPunch();
        for (var i = 0; i < count; i++)
        {
            var transport = UdpDatagramTransport.Bind(new IPEndPoint(bindLike.Address, 0));
            var watcher = new ProbeWatcher(transport);
            transport.Demux.RegisterProbe(watcher.OnProbe);
            punch._sockets.Add((transport, watcher, watcher.Expect([remoteHost], echo: true)));
        }
        return punch;
    }

    /// <summary>
    /// Probes <paramref name="remote"/> from every socket (the first cycle low-TTL) until one socket hears back;
    /// returns that socket and the address that answered, or null when the probes run out.
    /// </summary>
    public async Task<(IDatagramTransport Socket, IPEndPoint From)?> RunAsync(
        IPEndPoint remote, int probes, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        var any = Task.WhenAny(_sockets.Select(s => s.Watch.First));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sending = SendAsync(remote, probes, interval, time, stop.Token);
        var done = await Task.WhenAny(any, sending);
        await stop.CancelAsync();
        if (done != any && !any.IsCompleted) return null;
        var first = await any;
        if (!first.IsCompletedSuccessfully) return null;
        var index = _sockets.FindIndex(s => s.Watch.First == first);
        _winner = _sockets[index].Transport;
        return (_winner, first.Result);
    }

    private async Task SendAsync(IPEndPoint remote, int probes, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        try
        {
            foreach (var s in _sockets) await s.Watcher.SendAsync(remote, Limits.OpeningTtl, ct);
            for (var i = 0; i < probes && !ct.IsCancellationRequested; i++)
            {
                await _sockets[i % _sockets.Count].Watcher.SendAsync(remote, null, ct);
                await Task.Delay(interval, time, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Closes every socket but the winner (whose owner now holds it).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (transport, _, watch) in _sockets)
        {
            watch.Dispose();
            if (!ReferenceEquals(transport, _winner)) await transport.DisposeAsync();
        }
    }
}
