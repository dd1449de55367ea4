using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Wisp.Cli.Output;
using Wisp.Node.Admission;
using Wisp.Node.Hosting;
using Wisp.Node.Metrics;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp node run|info|status</c>: run a service node and look at one.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node", "Run a Wisp service node, or show one's identity and status; stake it on a chain, exit, claim rewards.")
        {
            Run(),
            Info(),
            Status(),
        };
        // the operator's chain verbs (stake, exit, rewards).
        foreach (var verb in NodeChain.NodeChainCommands.Create())
            command.Subcommands.Add(verb);
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The node's data directory: node key, TLS certificate, message database (created on first run).",
        Required = true,
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Command Run()
    {
        var data = DataOption();
        var host = new Option<string>("--host")
        {
            Description = "IPv4 or IPv6 address to listen on: 127.0.0.1 (default), 0.0.0.0 or :: for every interface.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = $"HTTPS port ({NodeOptions.DefaultPort}, Session's storage port, by default; 0 picks a free one).",
            DefaultValueFactory = _ => NodeOptions.DefaultPort,
        };
        var storageCap = new Option<long>("--storage-cap")
        {
            Description = "Bytes of message data to keep before answering stores with 'full' (default 3.5 GB, as Session).",
            DefaultValueFactory = _ => 3_500_000_000,
        };
        var rateLimit = new Option<double>("--rate-limit")
        {
            Description = $"Storage requests per second allowed per client IP (default {Limits.DefaultRateLimitPerSecond}, as Session); 0 lifts the limit (benchmarks only).",
            DefaultValueFactory = _ => Limits.DefaultRateLimitPerSecond,
        };
        var rateBurst = new Option<int>("--rate-burst")
        {
            Description = $"Requests a client may make at once above the steady rate (default {Limits.DefaultRateLimitBurst}).",
            DefaultValueFactory = _ => Limits.DefaultRateLimitBurst,
        };
        var sweep = new Option<double>("--sweep-interval")
        {
            Description = "Seconds between deletions of expired messages (default 60).",
            DefaultValueFactory = _ => 60,
        };
        var sync = new Option<string>("--sync")
        {
            Description = "'full' (default): fsync every commit, survives power loss. 'normal': no fsync, survives a crash of the node but not of the machine.",
            DefaultValueFactory = _ => "full",
        };
        sync.AcceptOnlyFromAmong("full", "normal");
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Lowest level logged: Trace, Debug (adds client addresses), Information (default), Warning, Error, Critical.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var logJson = new Option<bool>("--log-json") { Description = "Log one JSON object per line (for journald or a log collector)." };
        var metricsPublic = new Option<bool>("--metrics-public")
        {
            Description = "Answer /metrics and /status to any address (by default only to callers on this machine).",
        };
        var registry = new Option<string?>("--registry")
        {
            Description = "The signed registry file of the network to serve in (with --registry-key). Without it the node runs alone and serves every account.",
        };
        var registryKey = new Option<string?>("--registry-key")
        {
            Description = "The registry's Ed25519 public key, 64 hex characters: the registry file must be signed by it (with --registry).",
        };
        var catchUp = new Option<double>("--catch-up-interval")
        {
            Description = "Seconds between pulls of what swarm peers stored while this node was away (default 10; also at start).",
            DefaultValueFactory = _ => 10,
        };
        var peerTests = new Option<double>("--peer-test-interval")
        {
            Description = "Seconds between tests of another node's reachability and storage (default 30).",
            DefaultValueFactory = _ => 30,
        };
        var serverAllow = new Option<string[]>("--server-allow")
        {
            Description = "An address or CIDR network the onion relay may call HTTP servers on although it is not public "
                + "(loopback, private, link-local); repeat for more. None by default: only public addresses are relayed to.",
            AllowMultipleArgumentsPerToken = true,
        };
        var serverPorts = new Option<int[]>("--server-ports")
        {
            Description = "The ports the onion relay may call HTTP servers on (default 443 and 80).",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = JsonOption();

        var command = new Command("run", "Run a service node over HTTPS until SIGTERM or Ctrl-C.")
        {
            data, host, port, storageCap, rateLimit, rateBurst, sweep, sync, logLevel, logJson, metricsPublic, registry,
            registryKey, catchUp, peerTests, serverAllow, serverPorts, json,
        };
        // the DHT on UDP at the same port number (issue 20)
        var noDht = new Option<bool>("--no-dht") { Description = "Do not serve the DHT (UDP on the same port number as HTTPS)." };
        command.Options.Add(noDht);
        var chain = new NodeChain.NodeRunChainOptions(); // serve in a chain's staked registry
        foreach (var option in chain.All)
            command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepSeconds = parse.GetValue(sweep);
            var options = new NodeOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                StorageCapBytes = parse.GetValue(storageCap),
                RateLimitPerSecond = parse.GetValue(rateLimit),
                RateLimitBurst = parse.GetValue(rateBurst),
                ExpirySweepInterval = Seconds(sweepSeconds),
                SynchronousFull = parse.GetValue(sync) != "normal",
                LogLevel = parse.GetValue(logLevel),
                JsonLogs = parse.GetValue(logJson),
                MetricsFromAnyAddress = parse.GetValue(metricsPublic),
                RegistryPath = parse.GetValue(registry),
                RegistryKeyHex = parse.GetValue(registryKey),
                CatchUpInterval = Seconds(parse.GetValue(catchUp)),
                PeerTestInterval = Seconds(parse.GetValue(peerTests)),
                ServerAllow = parse.GetValue(serverAllow) ?? [],
                ServerPorts = parse.GetValue(serverPorts) ?? [],
                Dht = !parse.GetValue(noDht),
            };
            Wisp.Chain.Registry.EvmRegistry? chainRegistry;
            try
            {
                chainRegistry = await chain.OpenAsync(parse, cancellationToken);
            }
            catch (Wisp.Chain.ChainException exception)
            {
                await Console.Error.WriteLineAsync($"--chain-url: {exception.Message}");
                return 2;
            }
            using var followedChain = chainRegistry;
            // on a chain, a node with a vote key (vote.key in --data) takes its seat in the obligations quorums.
            Wisp.Node.Obligations.IObligationLedger? obligations;
            try
            {
                obligations = chainRegistry is null ? null
                    : await Wisp.Node.Obligations.ChainObligations.OpenAsync(chainRegistry.RpcUrl, chainRegistry.RegistryAddress, options.DataDirectory, cancellationToken);
            }
            catch (Wisp.Chain.ChainException exception)
            {
                await Console.Error.WriteLineAsync($"vote key: {exception.Message}");
                return 2;
            }
            WispNodeHost node;
            try
            {
                node = await WispNodeHost.StartAsync(options, cancellationToken, chainRegistry: chainRegistry, configure: obligations is null ? null
                    : builder => Wisp.Node.Obligations.ObligationExtensions.AddWispObligations(builder.Services, obligations, Wisp.Node.Obligations.ObligationLimits.DefaultPollInterval));
            }
            catch (NodeStartException exception)
            {
                foreach (var problem in exception.Problems) await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            try
            {
                await using (node)
                {
                    var identity = new IdentityView(node.Identity.Keys.PublicKey.ToHex(), node.Identity.Keys.X25519PublicKey.ToHex(), node.Url,
                        Path.GetFullPath(options.DataDirectory));
                    PrintIdentity(identity, parse.GetValue(json), "Wisp node running (SIGTERM or Ctrl-C stops it)", Console.Out);
                    await node.WaitForShutdownAsync(cancellationToken);
                    await node.StopAsync(CancellationToken.None);
                }
            }
            catch (Exception exception)
            {
                // A failure while stopping must be visible, not folded into System.CommandLine's bare exit code 143.
                await Console.Error.WriteLineAsync($"wisp: the node did not stop cleanly: {exception}");
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static Command Info()
    {
        var data = DataOption();
        var json = JsonOption();
        var command = new Command("info", "Show a node's public keys and URL (read from its data directory; the node need not run).") { data, json };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!;
            if (!NodeKeyStore.TryLoad(directory, out var keys, out var problem))
            {
                parse.InvocationConfiguration.Error.WriteLine(problem);
                return 1;
            }
            using (keys)
            {
                var url = NodeRunFile.TryRead(directory)?.Url;
                PrintIdentity(new IdentityView(keys.PublicKey.ToHex(), keys.X25519PublicKey.ToHex(), url, Path.GetFullPath(directory)),
                    parse.GetValue(json), "Wisp node", parse.InvocationConfiguration.Output);
            }
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var data = DataOption();
        var json = JsonOption();
        var command = new Command("status", "Ask the node running in a data directory for its counts (over HTTPS, pinning its certificate).") { data, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(data)!;
            var run = NodeRunFile.TryRead(directory);
            if (run is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No node has run in {directory} (no {NodeRunFile.FileName}). Start one with `wisp node run --data {directory}`.");
                return 1;
            }
            if (!NodeCertificate.TryLoad(directory, out var certificate, out var problem))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(problem);
                return 1;
            }
            using (certificate)
            using (var http = new HttpClient(CertificatePin.CreateHandler(certificate)) { Timeout = TimeSpan.FromSeconds(10) })
            {
                var url = LocalUrl(run);
                NodeStatus? status;
                try
                {
                    // Read whatever spelling the node writes, as snake_case: the one this command prints.
                    var body = JsonNode.Parse(await http.GetStringAsync($"{url}/status", cancellationToken));
                    status = CliJson.Rename(body).Deserialize<NodeStatus>(CliJson.Options);
                }
                catch (HttpRequestException exception) when (exception.InnerException is SocketException || exception.StatusCode is null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"No node answers at {url} ({exception.Message}). Is `wisp node run --data {directory}` running?");
                    return 1;
                }
                catch (HttpRequestException exception)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"The node at {url} refused the status request ({(int?)exception.StatusCode}).");
                    return 1;
                }
                catch (JsonException exception)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"The node at {url} answered the status request with something else than a status ({exception.Message}).");
                    return 1;
                }
                if (status is null) return 1;
                PrintStatus(status, parse.GetValue(json), parse.InvocationConfiguration.Output);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Seconds as a span; a value no span can hold becomes zero, which validation then reports.</summary>
    private static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 1e9 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    /// <summary>The URL to reach a node on this machine: a wildcard listen address is reached on loopback.</summary>
    private static string LocalUrl(NodeRunFile run) => run.Host switch
    {
        "0.0.0.0" => $"https://127.0.0.1:{run.Port}",
        "::" => $"https://[::1]:{run.Port}",
        _ => run.Url,
    };

    private sealed record IdentityView(string Ed25519, string X25519, string? Url, string DataDirectory);

    private static void PrintIdentity(IdentityView identity, bool json, string title, TextWriter stdout)
    {
        if (json)
        {
            // One line, so a supervising program can read it as soon as the node is up.
            stdout.WriteLine(CliJson.Line(identity));
            return;
        }
        stdout.WriteLine(title);
        stdout.WriteLine($"  url      {identity.Url ?? "(not started yet)"}");
        stdout.WriteLine($"  ed25519  {identity.Ed25519}");
        stdout.WriteLine($"  x25519   {identity.X25519}");
        stdout.WriteLine($"  data     {identity.DataDirectory}");
    }

    private static void PrintStatus(NodeStatus status, bool json, TextWriter stdout)
    {
        if (json)
        {
            stdout.WriteLine(CliJson.Document(status));
            return;
        }
        stdout.WriteLine($"Wisp node {status.Version} at {status.Url}, up {TimeSpan.FromSeconds(status.UptimeSeconds)}");
        stdout.WriteLine($"  ed25519   {status.Ed25519}");
        stdout.WriteLine($"  messages  {status.Messages:N0} from {status.Owners:N0} accounts, {status.DataBytes:N0} bytes of {status.StorageCapBytes:N0} allowed");
        stdout.WriteLine($"  database  {status.DatabaseBytes:N0} bytes on disk; memory {status.WorkingSetBytes:N0} bytes");
        stdout.WriteLine($"  since start: {status.MessagesStoredTotal:N0} stored, {status.MessagesExpiredTotal:N0} expired, "
            + $"{status.MessagesDeletedTotal:N0} deleted, {status.StoresRejectedFullTotal:N0} refused (full)");
        if (status.RegistryVersion is { } version)
        {
            stdout.WriteLine($"  network   registry version {version}, swarm {status.Swarm ?? "(none yet)"} with {status.SwarmPeers.Count} peers");
            foreach (var tally in status.PeerTests)
                stdout.WriteLine($"    peer {tally.Peer[..16]}…  {tally.Passed:N0} passed, {tally.Failed:N0} failed{(tally.LastFailure is null ? "" : $" (last: {tally.LastFailure})")}");
        }
        stdout.WriteLine("  requests:");
        foreach (var count in status.Requests)
            stdout.WriteLine($"    {count.Method,-22} {count.Status}  {count.Count:N0}");
    }
}
