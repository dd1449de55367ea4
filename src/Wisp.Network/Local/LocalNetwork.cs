using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Network.Local;

/// <summary>
/// A network of nodes on one machine, as <c>wisp up</c> keeps it in one folder:
/// <c>network.json</c> (this record), <c>registry.json</c> (the signed registry every node follows),
/// <c>registry.key</c> (the registry's secret seed, 0600), and <c>nodes/&lt;name&gt;/</c> (each node's data directory
/// and <c>node.log</c>). Immutable: changes make a new value, which <see cref="Save"/> writes atomically.
/// </summary>
public sealed class LocalNetwork
{
    /// <summary>The format of <c>network.json</c> this code reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>The description file's name in the folder.</summary>
    public const string FileName = "network.json";

    /// <summary>The registry file's name in the folder.</summary>
    public const string DefaultRegistryFileName = "registry.json";

    /// <summary>The registry key file's name in the folder.</summary>
    public const string RegistryKeyFileName = "registry.key";

    /// <summary>The folder holding the nodes' data directories.</summary>
    public const string NodesFolderName = "nodes";

    /// <summary>Each node's log file, in its data directory.</summary>
    public const string NodeLogFileName = "node.log";

    /// <summary>The folder under the Wisp home where <c>wisp up</c> keeps its network unless told otherwise.</summary>
    public const string DefaultFolderName = "network";

    private readonly LocalNode[] _nodes;

    internal LocalNetwork(string folder, Ed25519PublicKey registryKey, string registryFile, IEnumerable<LocalNode> nodes)
    {
        Folder = Path.GetFullPath(folder);
        RegistryKey = registryKey;
        RegistryFile = registryFile;
        _nodes = [.. nodes];
    }

    /// <summary>The network's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The registry's public key: what nodes (<c>--registry-key</c>) and clients trust.</summary>
    public Ed25519PublicKey RegistryKey { get; }

    /// <summary>The registry file, relative to <see cref="Folder"/>.</summary>
    public string RegistryFile { get; }

    /// <summary>The registry file (absolute).</summary>
    public string RegistryPath => Path.Combine(Folder, RegistryFile);

    /// <summary>The registry's secret key file (absolute).</summary>
    public string RegistryKeyPath => Path.Combine(Folder, RegistryKeyFileName);

    /// <summary>Every node ever added, removed ones included, in the order they were added.</summary>
    public IReadOnlyList<LocalNode> Nodes => _nodes;

    /// <summary>The nodes that are part of the network now.</summary>
    public IEnumerable<LocalNode> ActiveNodes => _nodes.Where(n => !n.Removed);

    /// <summary><c>&lt;wisp home&gt;/network</c>: where <c>wisp up</c> and <c>wisp net</c> look without <c>--data</c>.</summary>
    public static string DefaultFolder(string wispHome) => Path.Combine(wispHome, DefaultFolderName);

    /// <summary>True when <paramref name="folder"/> holds a network description.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, FileName));

    /// <summary>Null when <paramref name="name"/> can name a node (1–32 of a–z, 0–9, '-'); otherwise what is wrong.</summary>
    public static string? CheckNodeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "is missing";
        if (name.Length > LocalNetworkLimits.MaxNodeNameLength)
            return $"'{name}' is longer than {LocalNetworkLimits.MaxNodeNameLength} characters";
        return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? null
            : $"'{name}' may hold only a-z, 0-9 and '-'";
    }

    /// <summary>Reads and checks <c>network.json</c> in <paramref name="folder"/>; the problem says what is wrong and how to go on.</summary>
    public static bool TryLoad(string folder, [NotNullWhen(true)] out LocalNetwork? network, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        network = null;
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            problem = $"there is no local network in {Path.GetFullPath(folder)} (no {FileName}); create one with `wisp up --network {folder}`";
            return false;
        }
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > LocalNetworkLimits.MaxNetworkFileBytes)
            {
                problem = $"{path} is larger than {LocalNetworkLimits.MaxNetworkFileBytes} bytes; it is not a network description";
                return false;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{path} cannot be read ({e.Message})";
            return false;
        }
        network = LocalNetworkJson.Read(folder, bytes, out var reason);
        problem = network is null ? $"{path} is damaged: {reason}" : null;
        return network is not null;
    }

    /// <summary>A network with no nodes yet, trusting <paramref name="registryKey"/> (not written until <see cref="Save"/>).</summary>
    public static LocalNetwork Empty(string folder, Ed25519PublicKey registryKey)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(registryKey);
        return new LocalNetwork(folder, registryKey, DefaultRegistryFileName, []);
    }

    /// <summary>This network with <paramref name="node"/> added.</summary>
    /// <exception cref="ArgumentException">The name or key is taken, or the name is invalid.</exception>
    public LocalNetwork WithNode(LocalNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (CheckNodeName(node.Name) is { } badName)
            throw new ArgumentException($"The node name {badName}.", nameof(node));
        if (_nodes.Any(n => n.Name == node.Name || n.Ed25519Key.Equals(node.Ed25519Key)))
            throw new ArgumentException($"A node named {node.Name} or with key {node.Ed25519Key} is already in the network.", nameof(node));
        return new LocalNetwork(Folder, RegistryKey, RegistryFile, [.. _nodes, node]);
    }

    /// <summary>This network with <paramref name="node"/> marked removed.</summary>
    public LocalNetwork WithRemoved(LocalNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new LocalNetwork(Folder, RegistryKey, RegistryFile, _nodes.Select(n => n.Name == node.Name ? n with { Removed = true } : n));
    }

    /// <summary>The node named <paramref name="nameOrKey"/> (its name or its Ed25519 key in hex), or null.</summary>
    public LocalNode? Find(string nameOrKey) => Array.Find(_nodes, n => n.IsNamed(nameOrKey));

    /// <summary>The next free name: <c>node-NN</c>, numbered after every name ever used.</summary>
    public string NextNodeName()
    {
        var number = _nodes.Length + 1;
        while (_nodes.Any(n => n.Name == NameFor(number)))
            number++;
        return NameFor(number);
    }

    /// <summary>The relative data directory a new node called <paramref name="name"/> gets.</summary>
    public static string DataDirectoryFor(string name) => $"{NodesFolderName}/{name}";

    /// <summary>The node's data directory (absolute).</summary>
    public string DataDirectoryOf(LocalNode node) => Path.GetFullPath(Path.Combine(Folder, node.DataDirectory));

    /// <summary>The node's log file (absolute).</summary>
    public string LogPathOf(LocalNode node) => Path.Combine(DataDirectoryOf(node), NodeLogFileName);

    /// <summary>Writes <c>network.json</c> atomically (readers see the old file or the new one, never half).</summary>
    public void Save() => AtomicFile.Write(Path.Combine(Folder, FileName), LocalNetworkJson.Write(this));

    private static string NameFor(int number) => $"node-{number:00}";

    public override string ToString() => $"local network in {Folder}: {_nodes.Count(n => !n.Removed)} nodes";
}
