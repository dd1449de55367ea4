using System.Diagnostics.CodeAnalysis;
using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Network.Local;

/// <summary>
/// Changes a local network: creates it, adds nodes, removes them. Holds the folder's edit lock and the registry key
/// while open, so two commands never change the network at once. <c>network.json</c> is written first and the
/// registry is then brought in line with it (<see cref="SyncRegistry"/>), so a change cut short is finished by the
/// next editor instead of leaving the two disagreeing.
/// </summary>
public sealed class LocalNetworkEditor : IDisposable
{
    /// <summary>How long to wait for another command's change to finish.</summary>
    private static readonly TimeSpan EditLockWait = TimeSpan.FromSeconds(10);

    private readonly IDisposable _editLock;
    private readonly Ed25519KeyPair _registryKey;
    private readonly RegistryAuthority _authority;
    private readonly string _softwareVersion;

    private LocalNetworkEditor(IDisposable editLock, Ed25519KeyPair registryKey, RegistryAuthority authority, LocalNetwork network, string softwareVersion)
    {
        _editLock = editLock;
        _registryKey = registryKey;
        _authority = authority;
        _softwareVersion = softwareVersion;
        Network = network;
    }

    /// <summary>The network as this editor last wrote or read it.</summary>
    public LocalNetwork Network { get; private set; }

    /// <summary>The registry as this editor last wrote or read it.</summary>
    public RegistrySnapshot Registry => _authority.Current;

    /// <summary>
    /// Opens the network in <paramref name="folder"/> for changes; with <paramref name="createIfMissing"/>, makes an
    /// empty one first (folder 0700, registry key, signed empty registry, <c>network.json</c>).
    /// <paramref name="softwareVersion"/> is what joins announce for the nodes.
    /// </summary>
    public static bool TryOpen(
        string folder, bool createIfMissing, string softwareVersion, TimeProvider time,
        [NotNullWhen(true)] out LocalNetworkEditor? editor, out bool created, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(time);
        editor = null;
        created = false;
        folder = Path.GetFullPath(folder);
        if (!LocalNetwork.Exists(folder) && !createIfMissing)
            return LocalNetwork.TryLoad(folder, out _, out problem);
        if (File.Exists(folder))
        {
            problem = $"{folder} is a file; give a folder for the network";
            return false;
        }
        CreateOwnerOnlyFolder(folder);
        var editLock = LocalNetworkLocks.TakeEditLock(folder, EditLockWait);
        if (editLock is null)
        {
            problem = $"another wisp command is changing the network in {folder}; try again when it is done";
            return false;
        }
        Ed25519KeyPair? registryKey = null;
        try
        {
            created = !LocalNetwork.Exists(folder);
            problem = created ? CreateKey(folder, out registryKey) : LoadKey(folder, out registryKey);
            if (problem is not null)
                return false;
            var network = created ? LocalNetwork.Empty(folder, registryKey!.PublicKey) : Load(folder, registryKey!, out problem);
            if (network is null)
            {
                problem ??= $"the network in {folder} cannot be read";
                return false;
            }
            var authority = RegistryAuthority.OpenOrCreate(network.RegistryPath, registryKey!, time);
            if (!authority.IsSuccess)
            {
                problem = $"the registry {network.RegistryPath} cannot be used: {authority.Error.Message}";
                return false;
            }
            if (created)
                network.Save();
            editor = new LocalNetworkEditor(editLock, registryKey!, authority.Value, network, softwareVersion);
            return true;
        }
        finally
        {
            if (editor is null)
            {
                registryKey?.Dispose();
                editLock.Dispose();
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> nodes listening on <paramref name="host"/> at free ports. For each,
    /// <paramref name="createIdentity"/> is given the new node's data directory (absolute, not yet created) and returns
    /// the identity it stored there. Then the registry joins them.
    /// </summary>
    public IReadOnlyList<LocalNode> AddNodes(int count, IPAddress host, Func<string, Ed25519PublicKey> createIdentity, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(createIdentity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, LocalNetworkLimits.MaxNodesPerAdd);
        if (Network.Nodes.Count + count > LocalNetworkLimits.MaxNodes)
        {
            problem = $"the network would have {Network.Nodes.Count + count} node entries; at most {LocalNetworkLimits.MaxNodes} are allowed";
            return [];
        }
        var ports = LocalPorts.PickFree(host, count, Network.Nodes.Select(n => n.Port).ToHashSet());
        var added = new List<LocalNode>(count);
        var network = Network;
        foreach (var port in ports)
        {
            var name = network.NextNodeName();
            var relative = LocalNetwork.DataDirectoryFor(name);
            var key = createIdentity(Path.GetFullPath(Path.Combine(network.Folder, relative)));
            var node = new LocalNode(name, relative, host.ToString(), port, key, Removed: false);
            network = network.WithNode(node);
            added.Add(node);
        }
        network.Save();
        Network = network;
        problem = SyncRegistry();
        return added;
    }

    /// <summary>Takes the node named <paramref name="nameOrKey"/> out of the network (its data directory stays).</summary>
    public bool TryRemove(string nameOrKey, [NotNullWhen(true)] out LocalNode? removed, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(nameOrKey);
        removed = Network.Find(nameOrKey);
        if (removed is null)
        {
            problem = $"no node is named '{nameOrKey}'; `wisp net status` lists the nodes by name and key";
            return false;
        }
        if (removed.Removed)
        {
            problem = $"{removed.Name} was already removed";
            return false;
        }
        Network = Network.WithRemoved(removed);
        Network.Save();
        problem = SyncRegistry();
        return problem is null;
    }

    /// <summary>
    /// Makes the registry agree with <c>network.json</c>: joins every active node the registry lacks, and leaves every
    /// node the registry has that the network no longer does. Null when it agrees; otherwise what failed.
    /// </summary>
    public string? SyncRegistry()
    {
        foreach (var node in Network.ActiveNodes)
        {
            if (_authority.Current.FindNode(node.Ed25519Key) is { IsActive: true })
                continue;
            var joined = _authority.Join(NodeJoin.For(node.Ed25519Key, node.Host, node.Port, _softwareVersion));
            if (!joined.IsSuccess)
                return $"the registry did not accept {node.Name}: {joined.Error.Message}";
        }
        foreach (var record in _authority.Current.ActiveNodes.ToArray())
        {
            if (Network.ActiveNodes.Any(n => n.Ed25519Key.Equals(record.Ed25519Key)))
                continue;
            var left = _authority.Leave(record.Ed25519Key);
            if (!left.IsSuccess)
                return $"the registry did not accept the leave of {record.Ed25519Key}: {left.Error.Message}";
        }
        return null;
    }

    private static string? CreateKey(string folder, out Ed25519KeyPair? registryKey)
    {
        var path = Path.Combine(folder, LocalNetwork.RegistryKeyFileName);
        // A key left by a creation cut short is reused; the registry it signed, if any, still verifies under it.
        if (File.Exists(path))
            return LoadKey(folder, out registryKey);
        registryKey = RegistryKeyFile.Create(path);
        return null;
    }

    private static string? LoadKey(string folder, out Ed25519KeyPair? registryKey) =>
        RegistryKeyFile.TryLoad(Path.Combine(folder, LocalNetwork.RegistryKeyFileName), out registryKey, out var problem) ? null : problem;

    private static LocalNetwork? Load(string folder, Ed25519KeyPair registryKey, out string? problem)
    {
        if (!LocalNetwork.TryLoad(folder, out var network, out problem))
            return null;
        if (network.RegistryKey.Equals(registryKey.PublicKey))
            return network;
        problem = $"{LocalNetwork.RegistryKeyFileName} holds the key {registryKey.PublicKey}, but {LocalNetwork.FileName} trusts {network.RegistryKey}; restore the matching key";
        return null;
    }

    private static void CreateOwnerOnlyFolder(string folder)
    {
        if (Directory.Exists(folder)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Releases the edit lock and zeroes the registry key.</summary>
    public void Dispose()
    {
        _registryKey.Dispose();
        _editLock.Dispose();
    }
}
