using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Dht;
using Wisp.Dht.Transport;
using Wisp.Direct.Connect;

// One role per process, for tests across network namespaces. Each prints JSON lines on stdout:
//   dht <ip> <first-port> <count>            persistent DHT nodes on consecutive ports, a blind relay on the first
//   listen <bootstrap> <relay> <seed-hex>    listens, echoes every frame of every session
//   connect <bootstrap> <relay> <seed-hex> <remote-x25519-hex>   connects, sends one frame, waits for its echo
// Options after the role's arguments: --fast (random probes every 2 ms, no pause between random punches).
var fast = args.Contains("--fast");
args = args.Where(a => a != "--fast").ToArray();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

void Print(object line) => Console.WriteLine(JsonSerializer.Serialize(line));

var timings = fast
    ? PunchTimings.Default with { RandomProbeInterval = TimeSpan.FromMilliseconds(2), RandomPunchInterval = TimeSpan.Zero }
    : PunchTimings.Default;

switch (args.FirstOrDefault())
{
    case "dht":
    {
        var ip = IPAddress.Parse(args[1]);
        var first = int.Parse(args[2]);
        var nodes = new List<DhtNode>();
        for (var i = 0; i < int.Parse(args[3]); i++)
        {
            var transport = UdpDatagramTransport.Bind(new IPEndPoint(ip, first + i));
            var node = new DhtNode(transport, new DhtOptions
            {
                Persistent = true,
                NatCheckSocket = UdpDatagramTransport.Bind(new IPEndPoint(ip, 0)), // closed with the process
                PublicEndPoint = transport.LocalEndPoint,
                Bootstrap = i == 0 ? [] : [new IPEndPoint(ip, first)],
            });
            nodes.Add(node);
            if (i > 0) await node.BootstrapAsync(stop.Token);
        }
        using var relay = RelayHost.Attach(nodes[0].Transport, TimeProvider.System);
        Print(new { role = "dht", ready = true, nodes = nodes.Count });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var node in nodes) await node.DisposeAsync();
        return 0;
    }
    case "listen":
    {
        using var key = Ed25519KeyPair.FromSeed(Convert.FromHexString(args[3]));
        await using var endpoint = await Start(key, args[1], args[2]);
        await endpoint.ListenAsync(stop.Token);
        var status = endpoint.Status();
        Print(new { role = "listener", ready = true, nat = status.Nat.ToString().ToLowerInvariant(), @public = status.PublicAddress?.ToString() });
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var session = await endpoint.AcceptAsync(stop.Token);
                _ = EchoAsync(session);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
    case "connect":
    {
        using var key = Ed25519KeyPair.FromSeed(Convert.FromHexString(args[3]));
        var clock = Stopwatch.StartNew();
        await using var endpoint = await Start(key, args[1], args[2]);
        var nat = endpoint.Status().Nat.ToString().ToLowerInvariant();
        var started = clock.Elapsed;
        try
        {
            await using var session = await endpoint.ConnectAsync(new X25519PublicKey(Convert.FromHexString(args[4])), stop.Token);
            var connected = clock.Elapsed - started;
            await session.SendAsync("ping"u8.ToArray(), stop.Token);
            var echo = await session.ReceiveAsync(stop.Token);
            Print(new
            {
                role = "connector",
                ok = echo is not null && echo.AsSpan().SequenceEqual("ping"u8),
                path = session.Path == DirectPath.Direct ? "direct" : "relayed",
                nat,
                remote = session.RemoteEndPoint.ToString(),
                connect_ms = (long)connected.TotalMilliseconds,
                start_ms = (long)started.TotalMilliseconds,
            });
            return 0;
        }
        catch (DirectConnectException e)
        {
            Print(new { role = "connector", ok = false, error = e.Reason.ToString(), message = e.Message, nat });
            return 2;
        }
    }
    default:
        Console.Error.WriteLine("usage: dht <ip> <port> <count> | listen <bootstrap> <relay> <seed> | connect <bootstrap> <relay> <seed> <remote> [--fast]");
        return 1;
}

Task<DirectEndpoint> Start(Ed25519KeyPair key, string bootstrap, string relay) =>
    DirectEndpoint.StartAsync(new DirectEndpointOptions
    {
        KeyPair = key,
        Bootstrap = [IPEndPoint.Parse(bootstrap)],
        RelayNodes = [IPEndPoint.Parse(relay)],
        Timings = timings,
    }, stop.Token);

static async Task EchoAsync(DirectSession session)
{
    await using (session)
    {
        while (await session.ReceiveAsync(CancellationToken.None) is { } frame)
            await session.SendAsync(frame, CancellationToken.None);
    }
}
