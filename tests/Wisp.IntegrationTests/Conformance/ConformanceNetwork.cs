using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Local;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// The conformance suite's one network, shared by every class in it. Not run in parallel with the assembly's other
/// collection: integration tests start node processes and run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceNetwork>
{
    public const string Name = "Session storage RPC conformance";
}

/// <summary>
/// What the conformance suite talks to, started once: <c>wisp up --nodes 5</c> (one swarm of five, so every account
/// lives on every node and a 3-hop path plus a destination fits), an <em>outsider</em> node that follows the same
/// registry but is not in it (it serves no account: every account request is a 421 naming the five), and a node of
/// its own with a per-IP rate limit of 1/s (for the 429). All are real <c>wisp node run</c> processes on 127.0.0.1.
/// </summary>
public sealed class ConformanceNetwork : IAsyncLifetime
{
    private readonly FiveNodes _network = new();
    private readonly TempDirectory _extras = new();
    private WispProcess? _outsider;
    private WispProcess? _throttled;

    /// <summary>The five nodes of the one swarm, in <c>wisp up</c>'s order.</summary>
    internal IReadOnlyList<WireNode> Nodes { get; private set; } = [];

    /// <summary>A node that follows the registry but is in no swarm.</summary>
    internal WireNode Outsider { get; private set; } = null!;

    /// <summary>A node alone, with a rate limit of one request a second per client IP.</summary>
    internal WireNode Throttled { get; private set; } = null!;

    /// <summary>Direct HTTPS and onion requests, as a Session client makes them.</summary>
    internal SessionWire Wire { get; } = new();

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(_extras.Path);
        _throttled = WispProcess.Start("node", "run", "--data", Path.Combine(_extras.Path, "throttled"), "--port", "0",
            "--rate-limit", "1", "--rate-burst", "1", "--sync", "normal", "--log-level", "Warning", "--json");
        await _network.InitializeAsync();
        var registry = _network.Registry();
        Nodes = [.. _network.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n =>
        {
            var key = Ed25519PublicKey.FromHex(n.Ed25519);
            var record = registry.FindNode(key) ?? throw new InvalidOperationException($"{n.Name} is not in the registry");
            return new WireNode(n.Name, key, record.X25519Key, new Uri(n.Url));
        })];

        Assert.True(LocalNetwork.TryLoad(_network.Folder, out var local, out var problem), problem);
        _outsider = WispProcess.Start("node", "run", "--data", Path.Combine(_extras.Path, "outsider"), "--port", "0",
            "--registry", local.RegistryPath, "--registry-key", local.RegistryKey.ToHex(), "--rate-limit", "0",
            "--sync", "normal", "--log-level", "Warning", "--json");
        Outsider = FromRunLine("outsider", await _outsider.ReadJsonLineAsync());
        Throttled = FromRunLine("throttled", await _throttled.ReadJsonLineAsync());
        foreach (var node in Nodes.Append(Outsider))
            await Eventually.TrueAsync(async () => (await Wire.PostAsync(node.Url, "/storage_rpc/v1", Rpc.Body("info", new JsonObject()), default)).Status != 0,
                $"{node.Name} answers", TimeSpan.FromSeconds(60));
    }

    /// <summary>An onion path of three nodes to <paramref name="destination"/>: the swarm's other nodes, in order.</summary>
    internal IReadOnlyList<WireNode> PathTo(WireNode destination) => [.. Nodes.Where(n => n != destination).Take(3)];

    /// <summary>
    /// Sends <c>{"method","params"}</c> to <paramref name="destination"/> (the first node by default), directly or
    /// through a 3-hop onion path, and returns the answer as the client sees it.
    /// </summary>
    internal Task<Answer> RpcAsync(Via via, string method, JsonNode parameters, WireNode? destination = null) =>
        CallAsync(via, Rpc.Body(method, parameters), destination);

    /// <summary>Sends <paramref name="body"/> as is (for bodies that are not well-formed requests).</summary>
    internal Task<Answer> CallAsync(Via via, string body, WireNode? destination = null)
    {
        var node = destination ?? Nodes[0];
        return via == Via.Https
            ? Wire.PostAsync(node.Url, "/storage_rpc/v1", body, TestContext.Current.CancellationToken)
            : Wire.OnionRpcAsync(PathTo(node), node, body, TestContext.Current.CancellationToken);
    }

    private static WireNode FromRunLine(string name, JsonElement line) => new(
        name,
        Ed25519PublicKey.FromHex(line.GetProperty("ed25519").GetString()!),
        X25519PublicKey.FromHex(line.GetProperty("x25519").GetString()!),
        new Uri(line.GetProperty("url").GetString()!));

    public async ValueTask DisposeAsync()
    {
        Wire.Dispose();
        foreach (var process in new[] { _outsider, _throttled })
        {
            if (process is null)
                continue;
            if (!process.HasExited)
                ProcessSignals.Terminate(process.Id);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
        await _network.DisposeAsync();
        _extras.Dispose();
    }

    private sealed class FiveNodes : LocalNetworkFixture
    {
        protected override int NodeCount => 5;
    }
}

/// <summary>How a request travels: straight to the node over HTTPS, or through a 3-hop onion path to it.</summary>
public enum Via
{
    Https,
    Onion,
}

/// <summary>A node as a client addresses it: its keys (from the signed registry or its own run line) and its URL.</summary>
internal sealed record WireNode(string Name, Ed25519PublicKey Ed25519, X25519PublicKey X25519, Uri Url);
