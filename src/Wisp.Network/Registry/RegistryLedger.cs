using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Network.Swarms;

namespace Wisp.Network.Registry;

/// <summary>
/// A registry history held in memory and checked entry by entry as it grows: numbering, hash links, entry hashes,
/// times, and the rules of joins and leaves. It keeps the node table and the swarm map up to date, so a snapshot is
/// a copy, not a replay. The file loader, the authority and the followers all build on it.
/// </summary>
public sealed class RegistryLedger
{
    private readonly List<RegistryVersion> _history;
    private readonly Dictionary<Ed25519PublicKey, NodeRecord> _nodes;
    private readonly Dictionary<X25519PublicKey, Ed25519PublicKey> _activeX25519;
    private readonly Dictionary<string, Ed25519PublicKey> _activeEndpoints;

    /// <summary>An empty ledger: version 0, no nodes, no swarms.</summary>
    public RegistryLedger()
    {
        _history = [];
        _nodes = [];
        _activeX25519 = [];
        _activeEndpoints = new(StringComparer.OrdinalIgnoreCase);
        Swarms = SwarmMap.Empty;
    }

    private RegistryLedger(RegistryLedger source)
    {
        _history = [.. source._history];
        _nodes = new(source._nodes);
        _activeX25519 = new(source._activeX25519);
        _activeEndpoints = new(source._activeEndpoints, StringComparer.OrdinalIgnoreCase);
        Swarms = source.Swarms;
    }

    /// <summary>The newest version number; 0 when empty.</summary>
    public long Version => _history.Count;

    /// <summary>The newest version's hash; <see cref="RegistryHash.Zero"/> when empty.</summary>
    public RegistryHash Hash => _history.Count == 0 ? RegistryHash.Zero : _history[^1].Hash;

    /// <summary>Every version so far, oldest first.</summary>
    public IReadOnlyList<RegistryVersion> History => _history;

    /// <summary>The swarms after the newest version.</summary>
    public SwarmMap Swarms { get; private set; }

    /// <summary>An independent copy, to try a batch of entries on without touching this one.</summary>
    public RegistryLedger Clone() => new(this);

    /// <summary>The record of <paramref name="node"/> (active or not), or null if it never joined.</summary>
    public NodeRecord? FindNode(Ed25519PublicKey node) => _nodes.GetValueOrDefault(node);

    /// <summary>
    /// Makes the next version from <paramref name="change"/> at <paramref name="time"/> (raised to the newest
    /// version's time if the clock is behind it) and appends it, or says why the change is not allowed.
    /// </summary>
    public RegistryResult<RegistryVersion> Append(RegistryChange change, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_history.Count > 0 && time < _history[^1].Time)
            time = _history[^1].Time;
        var entry = RegistryVersion.Create(Version + 1, Hash, time, change);
        return TryAppend(entry, out var error) ? RegistryResult<RegistryVersion>.Success(entry) : error;
    }

    /// <summary>Appends <paramref name="entry"/> if it is the valid next version; otherwise leaves the ledger as it was.</summary>
    public bool TryAppend(RegistryVersion entry, [NotNullWhen(false)] out RegistryError? error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Field ranges first: they are cheap, and an out-of-range field cannot even be encoded for hashing.
        error = CheckFields(Version + 1, entry.Change) ?? CheckLink(entry) ?? CheckChange(entry.Number, entry.Change);
        if (error is not null)
            return false;
        ApplyToNodes(entry);
        Swarms = SwarmAssignment.Apply(Swarms, entry.Change, entry.Hash);
        _history.Add(entry);
        return true;
    }

    /// <summary>A snapshot of this ledger, signed over its head by <paramref name="signature"/>.</summary>
    public RegistrySnapshot ToSnapshot(Ed25519PublicKey registryKey, ReadOnlySpan<byte> signature)
    {
        var all = _nodes.Values.OrderBy(n => n.Ed25519Key, NodeKeyOrder.Instance).ToArray();
        return new RegistrySnapshot(registryKey, [.. _history], all, Swarms, signature.ToArray());
    }

    private RegistryError? CheckLink(RegistryVersion entry)
    {
        var expected = Version + 1;
        if (entry.Number != expected)
            return RegistryError.InEntry(RegistryErrorKind.VersionOutOfOrder, expected, $"the version number is {entry.Number}; expected {expected}");
        if (expected > RegistryLimits.MaxEntries)
            return new RegistryError(RegistryErrorKind.TooManyEntries, $"the registry may hold at most {RegistryLimits.MaxEntries} entries", expected);
        if (!entry.PreviousHash.Equals(Hash))
            return RegistryError.InEntry(RegistryErrorKind.BrokenLink, expected, $"the previous hash {entry.PreviousHash} is not entry {expected - 1}'s hash {Hash}");
        if (_history.Count > 0 && entry.Time < _history[^1].Time)
            return RegistryError.InEntry(RegistryErrorKind.TimeWentBackwards, expected, $"its time {entry.Time:O} is earlier than entry {expected - 1}'s {_history[^1].Time:O}");
        var computed = RegistryEncoding.HashEntry(entry.Number, entry.PreviousHash, entry.Time, entry.Change);
        if (!computed.Equals(entry.Hash))
            return RegistryError.InEntry(RegistryErrorKind.HashMismatch, expected, $"the stored hash {entry.Hash} is not the hash of its contents ({computed}); the entry was altered");
        return null;
    }

    private static RegistryError? CheckFields(long version, RegistryChange change)
    {
        var problem = change switch
        {
            NodeJoin join => RegistryRules.CheckAddress(join.Host, join.Port, join.SoftwareVersion),
            NodeAddressUpdate update => RegistryRules.CheckAddress(update.Host, update.Port, update.SoftwareVersion),
            _ => null,
        };
        return problem is null ? null : RegistryError.InEntry(RegistryErrorKind.InvalidField, version, problem);
    }

    private RegistryError? CheckChange(long version, RegistryChange change)
    {
        var active = _nodes.TryGetValue(change.Node, out var record) && record.IsActive;
        switch (change)
        {
            case NodeJoin join:
                if (join.Node.ToX25519() is not { } converted)
                    return RegistryError.InEntry(RegistryErrorKind.InvalidField, version, $"node {join.Node} is not a valid Ed25519 key");
                if (!converted.Equals(join.X25519Key))
                    return RegistryError.InEntry(RegistryErrorKind.InvalidField, version, $"node {join.Node}'s X25519 key {join.X25519Key} is not the conversion of its Ed25519 key");
                if (active)
                    return RegistryError.InEntry(RegistryErrorKind.DuplicateNode, version, $"node {join.Node} joins but is already active (joined at entry {record!.JoinedAt})");
                // Two Ed25519 keys that differ only in the sign bit share one X25519 key; onion layers could not tell them apart.
                if (_activeX25519.TryGetValue(join.X25519Key, out var twin))
                    return RegistryError.InEntry(RegistryErrorKind.DuplicateNode, version, $"node {join.Node}'s X25519 key is already used by node {twin}");
                return CheckEndpointFree(version, join.Node, join.Host, join.Port);
            case NodeLeave leave:
                return active ? null : RegistryError.InEntry(RegistryErrorKind.UnknownNode, version, $"node {leave.Node} leaves but is not an active node");
            case NodeAddressUpdate update:
                if (!active)
                    return RegistryError.InEntry(RegistryErrorKind.UnknownNode, version, $"node {update.Node} updates its address but is not an active node");
                return CheckEndpointFree(version, update.Node, update.Host, update.Port);
            default:
                return RegistryError.InEntry(RegistryErrorKind.Malformed, version, $"unknown change {change.GetType().Name}");
        }
    }

    private RegistryError? CheckEndpointFree(long version, Ed25519PublicKey node, string host, int port)
    {
        return _activeEndpoints.TryGetValue(EndpointKey(host, port), out var holder) && !holder.Equals(node)
            ? RegistryError.InEntry(RegistryErrorKind.DuplicateNode, version, $"address {host} port {port} is already used by node {holder}")
            : null;
    }

    private void ApplyToNodes(RegistryVersion entry)
    {
        switch (entry.Change)
        {
            case NodeJoin join:
                _nodes[join.Node] = new NodeRecord(join.Node, join.X25519Key, join.Host, join.Port, join.SoftwareVersion, entry.Number, null);
                _activeX25519[join.X25519Key] = join.Node;
                _activeEndpoints[EndpointKey(join.Host, join.Port)] = join.Node;
                break;
            case NodeLeave leave:
            {
                var record = _nodes[leave.Node];
                _nodes[leave.Node] = record with { LeftAt = entry.Number };
                _activeX25519.Remove(record.X25519Key);
                _activeEndpoints.Remove(EndpointKey(record.Host, record.Port));
                break;
            }
            case NodeAddressUpdate update:
            {
                var record = _nodes[update.Node];
                _activeEndpoints.Remove(EndpointKey(record.Host, record.Port));
                _nodes[update.Node] = record with { Host = update.Host, Port = update.Port, SoftwareVersion = update.SoftwareVersion };
                _activeEndpoints[EndpointKey(update.Host, update.Port)] = update.Node;
                break;
            }
        }
    }

    private static string EndpointKey(string host, int port) => $"{host}|{port}";
}
