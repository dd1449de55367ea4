using System.Globalization;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Support;

/// <summary>
/// A whole local network for a test class: <c>wisp up --nodes N --network &lt;temp&gt; --json</c> as a real process,
/// waited on until every node answers. Nodes can be killed (-9), stopped (SIGTERM), restarted, added and removed;
/// teardown stops <c>wisp up</c> (which stops its nodes), every node the fixture restarted itself, and deletes the folder.
/// </summary>
public abstract class LocalNetworkFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, WispProcess> _restarted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkNode> _nodes = new(StringComparer.Ordinal);
    private WispProcess? _up;

    /// <summary>How many nodes <c>wisp up</c> starts.</summary>
    protected abstract int NodeCount { get; }

    /// <summary>The network's folder.</summary>
    public string Folder => _folder.Path;

    /// <summary>The nodes the fixture knows of (started, restarted or added; removed ones are dropped).</summary>
    public IReadOnlyCollection<NetworkNode> Nodes => _nodes.Values;

    /// <summary>The node called <paramref name="name"/>.</summary>
    public NetworkNode Node(string name) => _nodes[name];

    /// <summary>The node whose Ed25519 key is <paramref name="ed25519"/>.</summary>
    public NetworkNode NodeByKey(Ed25519PublicKey ed25519) => _nodes.Values.Single(n => n.Ed25519 == ed25519.ToHex());

    /// <summary>The node whose Ed25519 key is <paramref name="ed25519"/>, or null when the fixture does not know it (yet).</summary>
    public NetworkNode? NodeByKeyOrNull(Ed25519PublicKey ed25519)
    {
        lock (_nodes)
            return _nodes.Values.SingleOrDefault(n => n.Ed25519 == ed25519.ToHex());
    }

    /// <summary>A storage client trusting this network's certificates.</summary>
    public StorageClient Client { get; private set; } = null!;

    /// <summary>What <c>wisp up</c> wrote to stderr (after it stopped).</summary>
    public WispProcess UpProcess => _up ?? throw new InvalidOperationException("wisp up has not started.");

    public async ValueTask InitializeAsync()
    {
        _up = WispProcess.Start("up", "--nodes", NodeCount.ToString(CultureInfo.InvariantCulture), "--network", Folder, "--json");
        var view = await _up.ReadJsonLineAsync(TimeSpan.FromSeconds(180));
        foreach (var node in view.GetProperty("nodes").EnumerateArray())
            Remember(node);
        Client = new StorageClient(Folder);
    }

    /// <summary>The registry the nodes follow, as it is on disk now.</summary>
    public RegistrySnapshot Registry()
    {
        Assert.True(LocalNetwork.TryLoad(Folder, out var network, out var problem), problem);
        return RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow();
    }

    /// <summary>The nodes of the swarm that stores <paramref name="account"/> now.</summary>
    public IReadOnlyList<NetworkNode> SwarmOf(Ed25519KeyPair account)
    {
        var swarm = Registry().Swarms.SwarmForAccount(account.AccountId) ?? throw new InvalidOperationException("The network has no swarms.");
        return [.. swarm.Members.Select(NodeByKey)];
    }

    /// <summary>The swarms now.</summary>
    public IReadOnlyList<Swarm> Swarms() => Registry().Swarms.Swarms;

    /// <summary>The PID of the process serving <paramref name="node"/> now (from its run file).</summary>
    public int PidOf(NetworkNode node)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.DataDirectory, "node.json")));
        return document.RootElement.GetProperty("pid").GetInt32();
    }

    /// <summary>kill -9 of the node's process.</summary>
    public void KillHard(NetworkNode node) => ProcessSignals.KillHard(PidOf(node));

    /// <summary>Starts the node again (as <c>wisp up</c> would) and waits until it answers.</summary>
    public async Task RestartAsync(NetworkNode node)
    {
        Assert.True(LocalNetwork.TryLoad(Folder, out var network, out var problem), problem);
        var process = WispProcess.Start("node", "run", "--data", node.DataDirectory, "--host", "127.0.0.1",
            "--port", node.Port.ToString(CultureInfo.InvariantCulture), "--registry", network.RegistryPath,
            "--registry-key", network.RegistryKey.ToHex(), "--rate-limit", "0", "--sync", "normal", "--log-level", "Warning");
        _restarted[node.Name] = process;
        await WaitHealthyAsync(node);
    }

    /// <summary><c>wisp net add-node --count K</c>; waits until the running <c>wisp up</c> has the new nodes answering.</summary>
    public async Task<IReadOnlyList<NetworkNode>> AddNodesAsync(int count)
    {
        var (exitCode, stdout, stderr) = await WispProcess.RunAsync("net", "add-node", "--network", Folder, "--count", count.ToString(CultureInfo.InvariantCulture), "--json");
        Assert.True(exitCode == 0, $"wisp net add-node failed ({exitCode}): {stderr}");
        Assert.True(LocalNetwork.TryLoad(Folder, out var network, out var problem), problem);
        var added = new List<NetworkNode>();
        using var document = JsonDocument.Parse(stdout);
        foreach (var entry in document.RootElement.GetProperty("added").EnumerateArray())
        {
            var local = network.Find(entry.GetProperty("name").GetString()!)!;
            var node = new NetworkNode(local.Name, local.Ed25519Key.ToHex(), local.Url, local.Port, network.DataDirectoryOf(local));
            lock (_nodes)
                _nodes[node.Name] = node;
            added.Add(node);
        }
        foreach (var node in added)
            await WaitHealthyAsync(node);
        return added;
    }

    /// <summary><c>wisp net remove-node NAME</c>; the running <c>wisp up</c> stops it.</summary>
    public async Task RemoveNodeAsync(NetworkNode node)
    {
        var (exitCode, _, stderr) = await WispProcess.RunAsync("net", "remove-node", "--network", Folder, node.Name);
        Assert.True(exitCode == 0, $"wisp net remove-node failed ({exitCode}): {stderr}");
        lock (_nodes)
            _nodes.Remove(node.Name);
    }

    /// <summary><c>wisp net status --json</c>.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var (exitCode, stdout, stderr) = await WispProcess.RunAsync("net", "status", "--network", Folder, "--json");
        Assert.True(exitCode == 0, $"wisp net status failed ({exitCode}): {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>Waits until the node answers <c>info</c>.</summary>
    public Task WaitHealthyAsync(NetworkNode node) =>
        Eventually.TrueAsync(() => Client.IsHealthyAsync(node.Url, TestContext.Current.CancellationToken), $"{node.Name} answers", TimeSpan.FromSeconds(90));

    /// <summary>Stops <c>wisp up</c> with SIGTERM and returns its exit code (for tests of a clean stop; teardown does it anyway).</summary>
    public async Task<int> StopUpAsync()
    {
        ProcessSignals.Terminate(UpProcess.Id);
        return await UpProcess.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private void Remember(JsonElement node)
    {
        var url = node.GetProperty("url").GetString()!;
        _nodes[node.GetProperty("name").GetString()!] = new NetworkNode(
            node.GetProperty("name").GetString()!, node.GetProperty("ed25519").GetString()!, url, new Uri(url).Port,
            node.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        foreach (var process in _restarted.Values)
        {
            if (!process.HasExited) ProcessSignals.Terminate(process.Id);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
        if (_up is not null)
        {
            if (!_up.HasExited) ProcessSignals.Terminate(_up.Id);
            await _up.WaitForExitAsync(TimeSpan.FromSeconds(60));
            _up.Dispose();
        }
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A 12-node network (one swarm of 12: a second swarm forms only at 14 nodes).</summary>
public sealed class TwelveNodeNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 12;
}

/// <summary>A 7-node network: exactly one swarm of the ideal size 7.</summary>
public sealed class SevenNodeNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 7;
}
