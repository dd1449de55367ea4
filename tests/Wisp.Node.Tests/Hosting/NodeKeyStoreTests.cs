using Wisp.Node.Hosting;
using Wisp.Testing;

namespace Wisp.Node.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeKeyStoreTests
{
    [Fact]
    public void The_first_load_creates_an_owner_only_key_that_later_loads_reuse()
    {
        using var directory = new TempDirectory();

        Assert.True(NodeKeyStore.TryLoadOrCreate(directory.Path, out var first, out var created, out _));
        Assert.True(NodeKeyStore.TryLoadOrCreate(directory.Path, out var second, out var createdAgain, out _));
        using (first)
        using (second)
        {
            var path = Path.Combine(directory.Path, NodeKeyStore.FileName);
            Assert.True(created);
            Assert.False(createdAgain);
            Assert.Equal(first.PublicKey, second.PublicKey);
            Assert.Equal(32, new FileInfo(path).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory.Path));
        }
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_refused_with_what_to_do()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, NodeKeyStore.FileName);
        File.WriteAllBytes(path, new byte[31]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.False(NodeKeyStore.TryLoadOrCreate(directory.Path, out _, out _, out var problem));

        Assert.Contains("31 bytes", problem);
        Assert.Contains("exactly 32 bytes", problem);
    }

    [Fact]
    public void A_key_readable_by_others_is_refused_with_the_chmod_that_fixes_it()
    {
        using var directory = new TempDirectory();
        Assert.True(NodeKeyStore.TryLoadOrCreate(directory.Path, out var keys, out _, out _));
        keys.Dispose();
        var path = Path.Combine(directory.Path, NodeKeyStore.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.False(NodeKeyStore.TryLoad(directory.Path, out _, out var problem));

        Assert.Contains("mode 0640", problem);
        Assert.Contains($"chmod 600 {path}", problem);
    }

    [Fact]
    public void Loading_where_no_node_ran_says_how_to_start_one()
    {
        using var directory = new TempDirectory();

        Assert.False(NodeKeyStore.TryLoad(directory.Path, out _, out var problem));

        Assert.Contains("wisp node run --data", problem);
    }
}
