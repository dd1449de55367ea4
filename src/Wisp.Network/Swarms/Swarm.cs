using Wisp.Crypto.Keys;

namespace Wisp.Network.Swarms;

/// <summary>One swarm: its id on the u64 ring and its members, sorted by <see cref="NodeKeyOrder"/>.</summary>
public sealed class Swarm : IEquatable<Swarm>
{
    private readonly Ed25519PublicKey[] _members;

    internal Swarm(ulong id, Ed25519PublicKey[] sortedMembers)
    {
        Id = id;
        _members = sortedMembers;
    }

    /// <summary>The swarm id; accounts whose swarm-space point is nearest to it are stored here.</summary>
    public ulong Id { get; }

    /// <summary>The member nodes' Ed25519 keys, ascending.</summary>
    public IReadOnlyList<Ed25519PublicKey> Members => _members;

    /// <summary>True when <paramref name="node"/> is a member.</summary>
    public bool Contains(Ed25519PublicKey node) => Array.BinarySearch(_members, node, NodeKeyOrder.Instance) >= 0;

    public bool Equals(Swarm? other) =>
        other is not null && Id == other.Id && _members.AsSpan().SequenceEqual(other._members);

    public override bool Equals(object? obj) => Equals(obj as Swarm);
    public override int GetHashCode() => HashCode.Combine(Id, _members.Length);
    public override string ToString() => $"swarm {Id} ({_members.Length} nodes)";
}
