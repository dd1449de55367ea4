using Wisp.Client.Paths;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Paths;

/// <summary><c>guards.json</c> says which nodes see this client's address: only its owner may read it, and writers never clash.</summary>
public sealed class GuardFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wisp-guard-file-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_guard_file_and_a_directory_it_creates_are_private()
    {
        var state = Path.Combine(_root, "paths");

        GuardFile.Write(state, [Key(1), Key(2)]);

        Assert.Equal([Key(1), Key(2)], GuardFile.Read(state));
        if (OperatingSystem.IsWindows())
            return; // Unix modes only
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, GuardFile.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
    }

    [Fact]
    public async Task Concurrent_writers_do_not_clash_and_leave_one_whole_file()
    {
        const int writers = 8;
        const int rounds = 40;
        var sets = Enumerable.Range(0, writers).Select(w => new[] { Key(10 + w), Key(50 + w) }).ToArray();
        using var start = new Barrier(writers);

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < rounds; i++)
                GuardFile.Write(_root, sets[w]);
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(tasks); // before the fix, writers shared one temporary name and threw

        var stored = GuardFile.Read(_root);
        Assert.Contains(sets, s => s.SequenceEqual(stored));
        Assert.Equal([GuardFile.FileName], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    private static Ed25519PublicKey Key(int n)
    {
        var bytes = new byte[Ed25519PublicKey.Bytes];
        bytes[0] = (byte)n;
        return Ed25519PublicKey.FromHex(Convert.ToHexStringLower(bytes));
    }
}
