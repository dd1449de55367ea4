using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Local;

public sealed class LocalNetworkEditorTests
{
    private static Ed25519PublicKey NewIdentity(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        using var keys = Ed25519KeyPair.Generate();
        return keys.PublicKey;
    }

    private static LocalNetworkEditor Open(string folder, bool create = true)
    {
        Assert.True(LocalNetworkEditor.TryOpen(folder, create, "0.1.0", TimeProvider.System, out var editor, out _, out var problem), problem);
        return editor;
    }

    [Fact]
    public void A_new_network_lists_its_nodes_in_network_json_and_in_the_signed_registry()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        using (var editor = Open(folder))
        {
            var added = editor.AddNodes(7, IPAddress.Loopback, NewIdentity, out var problem);
            Assert.Null(problem);
            Assert.Equal(7, added.Count);
            Assert.Equal(7, added.Select(n => n.Port).Distinct().Count());
            Assert.Equal(["node-01", "node-02", "node-03", "node-04", "node-05", "node-06", "node-07"], added.Select(n => n.Name));
        }

        Assert.True(LocalNetwork.TryLoad(folder, out var network, out var loadProblem), loadProblem);
        var registry = RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow();
        Assert.Equal(7, registry.ActiveNodes.Count);
        foreach (var node in network.Nodes)
        {
            var record = registry.FindNode(node.Ed25519Key);
            Assert.NotNull(record);
            Assert.Equal((node.Host, node.Port), (record.Host, record.Port));
            Assert.NotNull(registry.Swarms.SwarmOf(node.Ed25519Key));
        }
        Assert.Single(registry.Swarms.Swarms);
    }

    [Fact]
    public void The_registry_key_is_kept_owner_only_and_matches_network_json()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        Open(folder).Dispose();

        Assert.True(LocalNetwork.TryLoad(folder, out var network, out _));
        Assert.True(RegistryKeyFile.TryLoad(network.RegistryKeyPath, out var key, out var problem), problem);
        using (key)
            Assert.Equal(network.RegistryKey, key.PublicKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(network.RegistryKeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void Removing_a_node_marks_it_and_makes_it_leave_the_registry()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        using var editor = Open(folder);
        var added = editor.AddNodes(6, IPAddress.Loopback, NewIdentity, out _);

        Assert.True(editor.TryRemove(added[2].Ed25519Key.ToHex().ToUpperInvariant(), out var removed, out var problem), problem);

        Assert.Equal("node-03", removed.Name);
        Assert.True(LocalNetwork.TryLoad(folder, out var network, out _));
        Assert.True(network.Find("node-03")!.Removed);
        var registry = RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow();
        Assert.False(registry.FindNode(removed.Ed25519Key)!.IsActive);
        Assert.Null(registry.Swarms.SwarmOf(removed.Ed25519Key));
        Assert.Equal(5, registry.ActiveNodes.Count);
    }

    [Fact]
    public void Removed_names_are_not_reused()
    {
        using var temp = new TempFolder();
        using var editor = Open(temp.File("net"));
        editor.AddNodes(3, IPAddress.Loopback, NewIdentity, out _);
        Assert.True(editor.TryRemove("node-03", out _, out _));

        var next = editor.AddNodes(1, IPAddress.Loopback, NewIdentity, out _);

        Assert.Equal("node-04", Assert.Single(next).Name);
    }

    [Fact]
    public void Removing_an_unknown_or_removed_node_says_so()
    {
        using var temp = new TempFolder();
        using var editor = Open(temp.File("net"));
        editor.AddNodes(2, IPAddress.Loopback, NewIdentity, out _);

        Assert.False(editor.TryRemove("node-99", out var unknown, out var unknownProblem));
        Assert.Null(unknown);
        Assert.Contains("no node is named 'node-99'", unknownProblem);

        Assert.True(editor.TryRemove("node-01", out _, out _));
        Assert.False(editor.TryRemove("node-01", out _, out var twiceProblem));
        Assert.Contains("already removed", twiceProblem);
    }

    [Fact]
    public void Opening_without_create_in_an_empty_folder_says_how_to_create_one()
    {
        using var temp = new TempFolder();

        Assert.False(LocalNetworkEditor.TryOpen(temp.File("none"), false, "0.1.0", TimeProvider.System, out var editor, out _, out var problem));

        Assert.Null(editor);
        Assert.Contains("wisp up", problem);
        Assert.False(Directory.Exists(temp.File("none")));
    }

    [Fact]
    public void A_change_cut_short_is_finished_by_the_next_editor()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        using (var editor = Open(folder))
            editor.AddNodes(5, IPAddress.Loopback, NewIdentity, out _);
        // network.json gains a node the registry never heard of, as when a command dies between the two writes.
        Assert.True(LocalNetwork.TryLoad(folder, out var network, out _));
        var orphan = new LocalNode("node-06", "nodes/node-06", "127.0.0.1", 1, NewIdentity(temp.File("net/nodes/node-06")), false);
        network.WithNode(orphan).Save();

        using (var editor = Open(folder))
            Assert.Null(editor.SyncRegistry());

        var registry = RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow();
        Assert.True(registry.FindNode(orphan.Ed25519Key)!.IsActive);
    }

    [Fact]
    public void A_registry_key_that_does_not_match_network_json_is_refused()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        Open(folder).Dispose();
        File.Delete(Path.Combine(folder, LocalNetwork.RegistryKeyFileName));
        RegistryKeyFile.Create(Path.Combine(folder, LocalNetwork.RegistryKeyFileName)).Dispose();

        Assert.False(LocalNetworkEditor.TryOpen(folder, false, "0.1.0", TimeProvider.System, out _, out _, out var problem));

        Assert.Contains("restore the matching key", problem);
    }

    [Fact]
    public void Two_editors_never_change_the_network_at_once()
    {
        using var temp = new TempFolder();
        var folder = temp.File("net");
        using var first = Open(folder);

        var held = LocalNetworkLocks.TakeEditLock(folder, TimeSpan.Zero);

        Assert.Null(held);
    }
}
