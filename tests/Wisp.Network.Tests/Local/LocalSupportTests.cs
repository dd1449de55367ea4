using System.Net;
using Wisp.Network.Local;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Local;

public sealed class LocalSupportTests
{
    [Fact]
    public void A_registry_key_file_of_the_wrong_length_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp.File("registry.key");
        File.WriteAllBytes(path, new byte[31]);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.False(RegistryKeyFile.TryLoad(path, out _, out var problem));

        Assert.Contains("is 31 bytes", problem);
    }

    [Fact]
    public void A_registry_key_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        var path = temp.File("registry.key");
        RegistryKeyFile.Create(path).Dispose();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.False(RegistryKeyFile.TryLoad(path, out _, out var problem));

        Assert.Contains("chmod 600", problem);
    }

    [Fact]
    public void A_missing_registry_key_is_named()
    {
        using var temp = new TempFolder();

        Assert.False(RegistryKeyFile.TryLoad(temp.File("registry.key"), out _, out var problem));

        Assert.Contains("does not exist", problem);
    }

    [Fact]
    public void Creating_over_an_existing_registry_key_fails()
    {
        using var temp = new TempFolder();
        var path = temp.File("registry.key");
        RegistryKeyFile.Create(path).Dispose();

        Assert.Throws<IOException>(() => RegistryKeyFile.Create(path));
    }

    [Fact]
    public void Free_ports_are_distinct_and_avoid_the_taken_ones()
    {
        var first = LocalPorts.PickFree(IPAddress.Loopback, 5, new HashSet<int>());
        var second = LocalPorts.PickFree(IPAddress.Loopback, 5, first.ToHashSet());

        Assert.Equal(5, first.Distinct().Count());
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void The_up_lock_names_its_holder_and_is_free_after()
    {
        using var temp = new TempFolder();
        Assert.Null(LocalNetworkLocks.RunningUpProcess(temp.Path));

        using (var held = LocalNetworkLocks.TryTakeUpLock(temp.Path))
        {
            Assert.NotNull(held);
            Assert.Null(LocalNetworkLocks.TryTakeUpLock(temp.Path));
            Assert.Equal(Environment.ProcessId, LocalNetworkLocks.RunningUpProcess(temp.Path));
        }

        Assert.Null(LocalNetworkLocks.RunningUpProcess(temp.Path));
    }

    [Fact]
    public void The_home_is_the_explicit_path_then_WISP_HOME_then_XDG_then_HOME()
    {
        if (OperatingSystem.IsWindows()) return;
        var environment = new Dictionary<string, string?> { ["WISP_HOME"] = "/w", ["XDG_DATA_HOME"] = "/x", ["HOME"] = "/h" };
        string? Lookup(string name) => environment.GetValueOrDefault(name);

        Assert.Equal("/e", WispHomePath.Resolve("/e", Lookup));
        Assert.Equal("/w", WispHomePath.Resolve(null, Lookup));
        environment.Remove("WISP_HOME");
        Assert.Equal("/x/wisp", WispHomePath.Resolve(null, Lookup));
        environment["XDG_DATA_HOME"] = "relative";
        Assert.Equal("/h/.local/share/wisp", WispHomePath.Resolve(null, Lookup));
        Assert.Equal("/h/.local/share/wisp/network", LocalNetwork.DefaultFolder(WispHomePath.Resolve(null, Lookup)));
    }
}
