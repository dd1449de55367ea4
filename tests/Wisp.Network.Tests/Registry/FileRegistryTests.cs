using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Registry;

public sealed class FileRegistryTests
{
    private static readonly Wisp.Crypto.Keys.Ed25519KeyPair Key = TestNodes.RegistryKey();

    private sealed class Network : IDisposable
    {
        public readonly TempFolder Folder = new();
        public readonly ManualTimeProvider Time = new();
        public readonly RegistryAuthority Authority;
        public readonly FileRegistry Registry;

        public Network(int nodes)
        {
            Path = Folder.File("registry.json");
            Authority = RegistryAuthority.OpenOrCreate(Path, Key, TimeProvider.System).GetValueOrThrow();
            for (var i = 0; i < nodes; i++)
                Authority.Join(TestNodes.Join(i)).GetValueOrThrow();
            Registry = FileRegistry.Open(new FileRegistryOptions { Path = Path, RegistryKey = Key.PublicKey }, Time).GetValueOrThrow();
        }

        public string Path { get; }

        public void Dispose()
        {
            Registry.Dispose();
            Folder.Dispose();
        }
    }

    [Fact]
    public void Open_loads_the_current_version()
    {
        using var network = new Network(6);

        Assert.Equal(6, network.Registry.Current.Version);
        Assert.Null(network.Registry.LastError);
        Assert.Equal(6, network.Registry.Current.Swarms.NodeCount);
    }

    [Fact]
    public void Open_fails_on_a_bad_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        File.WriteAllText(path, "garbage");

        var result = FileRegistry.Open(new FileRegistryOptions { Path = path, RegistryKey = Key.PublicKey }, new ManualTimeProvider());

        Assert.Equal(RegistryErrorKind.Malformed, result.Error!.Kind);
    }

    [Fact]
    public void Open_rejects_incomplete_options()
    {
        Assert.Throws<ArgumentException>(() => FileRegistry.Open(
            new FileRegistryOptions { Path = "x", RegistryKey = Key.PublicKey, PollInterval = TimeSpan.Zero }, new ManualTimeProvider()));
    }

    [Fact]
    public void A_poll_picks_up_a_new_version_and_reports_the_swarm_changes()
    {
        using var network = new Network(6);
        RegistryChangedEventArgs? seen = null;
        network.Registry.Changed += (_, e) => seen = e;
        network.Authority.Join(TestNodes.Join(6)).GetValueOrThrow();

        network.Time.FireAll();

        Assert.Equal(7, network.Registry.Current.Version);
        Assert.NotNull(seen);
        Assert.Equal(6, seen.Previous.Version);
        Assert.Equal(7, seen.Current.Version);
        var move = Assert.Single(seen.SwarmChanges.Moves);
        Assert.Equal(TestNodes.Key(6), move.Node);
        Assert.Equal(Wisp.Protocol.Swarms.SwarmSpace.InvalidSwarmId, move.From);
    }

    [Fact]
    public void Refresh_without_a_change_reports_unchanged()
    {
        using var network = new Network(3);

        Assert.Equal(RegistryRefreshOutcome.Unchanged, network.Registry.Refresh());
    }

    [Fact]
    public void A_bad_file_is_rejected_and_the_last_good_version_stays()
    {
        using var network = new Network(5);
        var good = network.Registry.Current;
        RegistryError? reported = null;
        network.Registry.Rejected += (_, e) => reported = e.Error;
        var text = File.ReadAllText(network.Path);
        AtomicFile.Write(network.Path, System.Text.Encoding.UTF8.GetBytes(text.Replace("\"port\": 20003", "\"port\": 20099")));

        Assert.Equal(RegistryRefreshOutcome.Rejected, network.Registry.Refresh());

        Assert.Same(good, network.Registry.Current);
        Assert.Equal(RegistryErrorKind.HashMismatch, network.Registry.LastError!.Kind);
        Assert.Equal(4L, network.Registry.LastError.EntryVersion);
        Assert.Equal(network.Registry.LastError, reported);
        // The same bad file is not reported again on every poll.
        Assert.Equal(RegistryRefreshOutcome.Unchanged, network.Registry.Refresh());
    }

    [Fact]
    public void A_good_file_after_a_bad_one_is_taken_and_clears_the_error()
    {
        using var network = new Network(5);
        var good = File.ReadAllBytes(network.Path);
        AtomicFile.Write(network.Path, "{"u8);
        Assert.Equal(RegistryRefreshOutcome.Rejected, network.Registry.Refresh());
        AtomicFile.Write(network.Path, good);
        network.Authority.Join(TestNodes.Join(5)).GetValueOrThrow();

        Assert.Equal(RegistryRefreshOutcome.Updated, network.Registry.Refresh());

        Assert.Null(network.Registry.LastError);
        Assert.Equal(6, network.Registry.Current.Version);
    }

    [Fact]
    public void A_rewritten_history_is_rejected()
    {
        using var network = new Network(5);
        var rewritten = LedgerBuilder.Joins(4);
        LedgerBuilder.Add(rewritten, TestNodes.Join(40));
        LedgerBuilder.Add(rewritten, TestNodes.Join(41));
        RegistryFile.Write(network.Path, Signing.Snapshot(rewritten, Key));

        Assert.Equal(RegistryRefreshOutcome.Rejected, network.Registry.Refresh());

        Assert.Equal(RegistryErrorKind.HistoryRewritten, network.Registry.LastError!.Kind);
        Assert.Equal(5, network.Registry.Current.Version);
    }

    [Fact]
    public void A_deleted_file_is_reported_once_and_the_last_good_version_stays()
    {
        using var network = new Network(3);
        File.Delete(network.Path);

        Assert.Equal(RegistryRefreshOutcome.Rejected, network.Registry.Refresh());
        Assert.Equal(RegistryRefreshOutcome.Unchanged, network.Registry.Refresh());

        Assert.Equal(RegistryErrorKind.Unreadable, network.Registry.LastError!.Kind);
        Assert.Equal(3, network.Registry.Current.Version);
    }

    [Fact]
    public async Task Watch_yields_the_current_snapshot_then_each_newer_one()
    {
        using var network = new Network(3);
        using var cancel = new CancellationTokenSource();
        await using var watch = network.Registry.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(3, watch.Current.Version);

        network.Authority.Join(TestNodes.Join(3)).GetValueOrThrow();
        network.Time.FireAll();
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(4, watch.Current.Version);

        network.Registry.Dispose();
        Assert.False(await watch.MoveNextAsync());
    }

    [Fact]
    public void Dispose_stops_the_poll_timer()
    {
        var network = new Network(1);
        var timer = Assert.Single(network.Time.Timers);
        Assert.Equal(FileRegistryOptions.DefaultPollInterval, timer.Period);

        network.Dispose();

        Assert.True(timer.Disposed);
    }
}
