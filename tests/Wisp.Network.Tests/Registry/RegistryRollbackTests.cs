using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Registry;

/// <summary>
/// A follower that records what it accepted (<see cref="FileRegistryOptions.HighWaterPath"/>) refuses an older,
/// validly signed registry file — while running and after a restart — and a file that differs at the recorded version.
/// </summary>
public sealed class RegistryRollbackTests : IDisposable
{
    private static readonly Wisp.Crypto.Keys.Ed25519KeyPair Key = TestNodes.RegistryKey();

    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly string _highWater;
    private readonly RegistryAuthority _authority;

    public RegistryRollbackTests()
    {
        _path = _folder.File("registry.json");
        _highWater = _folder.File("registry-accepted.json");
        _authority = RegistryAuthority.OpenOrCreate(_path, Key, TimeProvider.System).GetValueOrThrow();
        for (var i = 0; i < 4; i++)
            _authority.Join(TestNodes.Join(i)).GetValueOrThrow();
    }

    public void Dispose() => _folder.Dispose();

    private RegistryResult<FileRegistry> Open() => FileRegistry.Open(
        new FileRegistryOptions { Path = _path, RegistryKey = Key.PublicKey, HighWaterPath = _highWater, PollInterval = Timeout.InfiniteTimeSpan },
        new ManualTimeProvider());

    [Fact]
    public void An_older_signed_file_is_refused_after_a_restart()
    {
        var old = File.ReadAllBytes(_path);
        using (var follower = Open().GetValueOrThrow())
        {
            _authority.Join(TestNodes.Join(4)).GetValueOrThrow();
            Assert.Equal(RegistryRefreshOutcome.Updated, follower.Refresh());
            Assert.Equal(5, follower.Current.Version);
        }
        // The follower stops; someone puts the old (validly signed, version 4) file back.
        AtomicFile.Write(_path, old);

        var reopened = Open();

        Assert.False(reopened.IsSuccess);
        Assert.Equal(RegistryErrorKind.RolledBack, reopened.Error!.Kind);
        Assert.StartsWith("the file is at version 4, older than version 5 (", reopened.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_signed_file_is_refused_while_running_and_the_newer_version_stays()
    {
        var old = File.ReadAllBytes(_path);
        using var follower = Open().GetValueOrThrow();
        _authority.Join(TestNodes.Join(4)).GetValueOrThrow();
        follower.Refresh();
        AtomicFile.Write(_path, old);

        Assert.Equal(RegistryRefreshOutcome.Rejected, follower.Refresh());

        Assert.Equal(5, follower.Current.Version);
    }

    [Fact]
    public void A_file_that_differs_at_the_accepted_version_is_refused_after_a_restart()
    {
        using (Open().GetValueOrThrow())
        {
        }
        // A validly signed file of another history with as many (and more) versions.
        var rewritten = LedgerBuilder.Joins(3);
        LedgerBuilder.Add(rewritten, TestNodes.Join(40));
        LedgerBuilder.Add(rewritten, TestNodes.Join(41));
        RegistryFile.Write(_path, Signing.Snapshot(rewritten, Key));

        var reopened = Open();

        Assert.Equal(RegistryErrorKind.HistoryRewritten, reopened.Error!.Kind);
    }

    [Fact]
    public void The_same_or_a_newer_file_is_taken_after_a_restart_and_recorded()
    {
        using (Open().GetValueOrThrow())
        {
        }
        _authority.Join(TestNodes.Join(4)).GetValueOrThrow();

        using var reopened = Open().GetValueOrThrow();

        Assert.Equal(5, reopened.Current.Version);
        Assert.Contains("\"version\":5", File.ReadAllText(_highWater), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_for_another_registry_key_does_not_hold_this_one_back()
    {
        File.WriteAllText(_highWater, $$"""{"registry_key":"{{new string('a', 64)}}","version":99,"hash":"{{new string('0', 64)}}"}""");

        using var opened = Open().GetValueOrThrow();

        Assert.Equal(4, opened.Current.Version);
    }
}
