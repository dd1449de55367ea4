using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Registry;

public sealed class RegistryAuthorityTests
{
    private static readonly Wisp.Crypto.Keys.Ed25519KeyPair Key = TestNodes.RegistryKey();

    [Fact]
    public void Create_writes_an_empty_signed_registry_that_loads()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");

        var authority = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();

        var loaded = RegistryFile.Load(path, Key.PublicKey);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        Assert.Equal(0, loaded.Value!.Version);
        Assert.Equal(0, authority.Current.Version);
    }

    [Fact]
    public void Each_change_is_a_new_signed_version_on_disk()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        var authority = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();

        for (var i = 0; i < 6; i++)
            Assert.True(authority.Join(TestNodes.Join(i)).IsSuccess);
        var afterLeave = authority.Leave(TestNodes.Key(0)).GetValueOrThrow();

        var loaded = RegistryFile.Load(path, Key.PublicKey).GetValueOrThrow();
        Assert.Equal(7, loaded.Version);
        Assert.Equal(afterLeave.Hash, loaded.Hash);
        Assert.Equal(afterLeave.Swarms, loaded.Swarms);
        Assert.Equal(5, loaded.ActiveNodes.Count);
    }

    [Fact]
    public void A_refused_change_leaves_the_file_as_it_was()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        var authority = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();
        authority.Join(TestNodes.Join(0)).GetValueOrThrow();
        var before = File.ReadAllBytes(path);

        var result = authority.Join(TestNodes.Join(0));

        Assert.Equal(RegistryErrorKind.DuplicateNode, result.Error!.Kind);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(1, authority.Current.Version);
    }

    [Fact]
    public void Two_authorities_on_one_file_build_one_history()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        var first = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();
        var second = RegistryAuthority.Open(path, Key, TimeProvider.System).GetValueOrThrow();

        first.Join(TestNodes.Join(0)).GetValueOrThrow();
        var last = second.Join(TestNodes.Join(1)).GetValueOrThrow();

        Assert.Equal(2, last.Version);
        Assert.Equal(2, RegistryFile.Load(path, Key.PublicKey).GetValueOrThrow().ActiveNodes.Count);
    }

    [Fact]
    public void A_held_lock_makes_a_change_busy()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        var authority = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();
        using var held = RegistryLock.TryTake(path);
        Assert.NotNull(held);

        var result = authority.Join(TestNodes.Join(0));

        Assert.Equal(RegistryErrorKind.Busy, result.Error!.Kind);
    }

    [Fact]
    public void The_authority_will_not_append_to_a_corrupted_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        var authority = RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();
        File.WriteAllText(path, "{ broken");

        var result = authority.Join(TestNodes.Join(0));

        Assert.Equal(RegistryErrorKind.Malformed, result.Error!.Kind);
        Assert.Equal("{ broken", File.ReadAllText(path));
    }

    [Fact]
    public void Opening_with_the_wrong_key_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("registry.json");
        RegistryAuthority.OpenOrCreate(path, Key, TimeProvider.System).GetValueOrThrow();
        using var other = TestNodes.RegistryKey(2);

        var result = RegistryAuthority.Open(path, other, TimeProvider.System);

        Assert.Equal(RegistryErrorKind.WrongRegistryKey, result.Error!.Kind);
    }

    [Fact]
    public void Creating_in_a_missing_folder_is_a_write_failure()
    {
        using var folder = new TempFolder();

        var result = RegistryAuthority.OpenOrCreate(Path.Combine(folder.Path, "nope", "registry.json"), Key, TimeProvider.System);

        Assert.Equal(RegistryErrorKind.WriteFailed, result.Error!.Kind);
    }

    [Fact]
    public void Atomic_write_replaces_the_whole_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.json");
        File.WriteAllText(path, new string('x', 10_000));

        AtomicFile.Write(path, "short"u8);

        Assert.Equal("short", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_failed_atomic_write_leaves_the_old_file_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.json");
        File.WriteAllText(path, "old");
        // A directory where the file should go makes the final rename fail after the temporary file is written.
        var blocked = folder.File("blocked");
        Directory.CreateDirectory(blocked);

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(blocked, "new"u8));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }
}
