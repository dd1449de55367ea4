using System.Diagnostics;
using System.Text.Json;

namespace Wisp.Direct.Tests.Nat;

/// <summary>
/// Simulated NATs in network namespaces: "pub" (the internet: DHT nodes and a blind relay on 198.18.0.1) bridged to
/// four routers — two that masquerade with consistent ports and two with <c>--random-fully</c> — each with one peer
/// behind it. Inbound traffic is forwarded only when it belongs to a flow the inside started, and packets to a
/// router's own unused ports are dropped (as home routers do). Everything is removed on dispose.
/// </summary>
internal sealed class NatLab : IAsyncDisposable
{
    public const string PubAddress = "198.18.0.1";
    public const int DhtPort = 40100;

    private readonly string _prefix = "wn" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..4].ToLowerInvariant();
    private readonly List<string> _namespaces = [];

    /// <summary>Why the lab cannot run here, or null when it can (root, with ip and iptables).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (Environment.UserName != "root" && Run("id", "-u").Trim() != "0") return "network namespaces and iptables need root";
        if (!OnPath("ip")) return "'ip' (iproute2) is not installed";
        if (!OnPath("iptables")) return "'iptables' is not installed";
        return null;
    }

    public string Ns(string name) => $"{_prefix}-{name}";

    /// <summary>Peer namespaces: "c1"/"c2" behind consistent routers, "r1"/"r2" behind random ones.</summary>
    public static NatLab Build()
    {
        var lab = new NatLab();
        try
        {
            lab.Create("pub");
            lab.Ip("pub", "link add br0 type bridge");
            lab.Ip("pub", $"addr add {PubAddress}/24 dev br0");
            lab.Ip("pub", "link set br0 up");
            var routers = new[] { ("c1", false, 2), ("c2", false, 3), ("r1", true, 4), ("r2", true, 5) };
            foreach (var (peer, random, n) in routers) lab.AddRouter(peer, random, n);
            return lab;
        }
        catch
        {
            lab.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private void AddRouter(string peer, bool random, int n)
    {
        var router = "gw" + peer;
        Create(router);
        Create(peer);
        // The router's WAN leg on the "internet" bridge, its LAN leg to the peer.
        Ip(router, $"link add wan type veth peer name {peer}w netns {Ns("pub")}");
        Ip("pub", $"link set {peer}w master br0");
        Ip("pub", $"link set {peer}w up");
        Ip(router, $"addr add 198.18.0.{n}/24 dev wan");
        Ip(router, "link set wan up");
        Ip(router, $"link add lan type veth peer name eth0 netns {Ns(peer)}");
        Ip(router, $"addr add 10.{n}.0.1/24 dev lan");
        Ip(router, "link set lan up");
        Ip(peer, $"addr add 10.{n}.0.2/24 dev eth0");
        Ip(peer, "link set eth0 up");
        Ip(peer, $"route add default via 10.{n}.0.1");
        Exec(router, "sysctl -qw net.ipv4.ip_forward=1");
        Exec(router, "iptables -t nat -A POSTROUTING -o wan -j MASQUERADE" + (random ? " --random-fully" : ""));
        Exec(router, "iptables -A FORWARD -i wan -o lan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
        Exec(router, "iptables -A FORWARD -i wan -o lan -j DROP");
        Exec(router, "iptables -A INPUT -i wan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
        Exec(router, "iptables -A INPUT -i wan -j DROP");
    }

    /// <summary>Starts <c>dotnet NatPeer.dll args</c> inside namespace <paramref name="name"/>.</summary>
    public Process Start(string name, string args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Wisp.Direct.NatPeer.dll");
        var info = new ProcessStartInfo("ip", $"netns exec {Ns(name)} dotnet {dll} {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the peer");
    }

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/> (each passed as is) inside namespace
    /// <paramref name="name"/>, output redirected. <c>ip netns exec</c> execs the program, so the process is the program.
    /// </summary>
    public Process StartIn(string name, string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in (string[])["netns", "exec", Ns(name), file, .. args]) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file} in {name}");
    }

    /// <summary>
    /// Makes the router in front of <paramref name="peer"/> drop every UDP packet it would forward, both ways (or
    /// forward them again): the peer loses its direct sessions and the DHT, while TCP (the swarm's HTTPS) still passes.
    /// </summary>
    public void CutUdp(string peer, bool cut = true) =>
        Exec("gw" + peer, $"iptables {(cut ? "-I" : "-D")} FORWARD -p udp -j DROP");

    private void Create(string name)
    {
        Run("ip", $"netns add {Ns(name)}");
        _namespaces.Add(Ns(name));
        Ip(name, "link set lo up");
    }

    private void Ip(string ns, string args) => Run("ip", $"-n {Ns(ns)} {args}");

    private void Exec(string ns, string command) => Run("ip", $"netns exec {Ns(ns)} {command}");

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin")
            .Any(d => File.Exists(Path.Combine(d, tool)));

    private static string Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {args}: {error.Trim()}");
        return output;
    }

    public ValueTask DisposeAsync()
    {
        // Deleting a namespace removes its veth legs, routes and iptables rules with it.
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            try
            {
                Run("ip", $"netns delete {ns}");
            }
            catch (InvalidOperationException)
            {
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The first JSON line the process prints, or null when it exits or the time runs out first.</summary>
    internal static async Task<JsonElement?> ReadJsonAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                if (line.StartsWith('{')) return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    internal static void Stop(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
