using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Groups;

/// <summary>The outcome of <see cref="GroupKeyring.Load"/>.</summary>
/// <param name="Added">True when the message gave this keyring a key it did not hold.</param>
/// <param name="Generation">The message's <c>G</c>; null when it did not parse.</param>
/// <param name="Error">libsession's error text for a message refused; null otherwise.</param>
public readonly record struct GroupKeyringLoad(bool Added, long? Generation, string? Error)
{
    /// <summary>True when the message was valid (whether or not it held a key for us).</summary>
    public bool Ok => Error is null;
}

/// <summary>
/// The group keys one member (or admin) holds, as libsession's <c>Keys</c> keeps them: sorted by generation, then
/// timestamp; a duplicate (same generation and key) is not added twice; a generation superseded more than
/// <see cref="GroupKeyLimits.KeyExpiryMs"/> before the newest key's timestamp is dropped. Timestamps are the
/// swarm's storage times, not this device's clock.
/// </summary>
public sealed class GroupKeyring(Ed25519PublicKey group)
{
    private readonly List<GroupKey> _keys = [];

    /// <summary>The group's Ed25519 key, which signs its keys messages.</summary>
    public Ed25519PublicKey Group { get; } = group ?? throw new ArgumentNullException(nameof(group));

    /// <summary>The newest key (highest generation, latest timestamp); null before any key is known.</summary>
    public GroupKey? Current => _keys.Count == 0 ? null : _keys[^1];

    /// <summary>Highest generation held; null when empty.</summary>
    public long? MaxGeneration => Current?.Generation;

    /// <summary>Every key held, newest first (libsession's <c>group_keys()</c>, the order to try when decrypting).</summary>
    public IReadOnlyList<GroupKey> Keys => [.. Enumerable.Reverse(_keys)];

    /// <summary>
    /// Reads a keys message stored at <paramref name="timestampMs"/>: checks it, unwraps with <paramref name="me"/>
    /// (or, when <paramref name="admin"/> is the group's key pair, through the admins' copy) and adds what it finds.
    /// </summary>
    public GroupKeyringLoad Load(ReadOnlyMemory<byte> message, long timestampMs, Ed25519KeyPair me, Ed25519KeyPair? admin = null)
    {
        ArgumentNullException.ThrowIfNull(me);
        var parsed = GroupKeysMessage.Parse(message, Group);
        if (parsed.Message is not { } keys)
            return new GroupKeyringLoad(false, null, parsed.Error);
        IReadOnlyList<GroupKey> found;
        if (admin is not null && !keys.IsSupplement)
            found = keys.UnwrapForAdmin(admin, timestampMs) is { } adminKey ? [adminKey] : [];
        else if (admin is not null)
            found = [];
        else
            found = keys.UnwrapForMember(me, timestampMs);
        var added = false;
        foreach (var key in found)
            added |= Add(key);
        return new GroupKeyringLoad(added, keys.Generation, null);
    }

    /// <summary>Adds a key (e.g. one this admin just made); false when held already or already expired.</summary>
    public bool Add(GroupKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var held in _keys)
        {
            if (held.Generation == key.Generation && held.Key.SequenceEqual(key.Key))
                return false;
        }
        var index = _keys.BinarySearch(key, Comparer<GroupKey>.Create(GroupKey.Compare));
        if (index < 0)
            index = ~index;
        if (_keys.Count >= 2 && index == 0 && key.Generation < _keys[0].Generation
            && _keys[0].TimestampMs + GroupKeyLimits.KeyExpiryMs < _keys[^1].TimestampMs)
            return false;
        _keys.Insert(index, key);
        RemoveExpired();
        return true;
    }

    /// <summary>Drops every generation that a later one superseded more than the expiry before the newest key.</summary>
    private void RemoveExpired()
    {
        var keepFrom = 0;
        var i = 0;
        while (i < _keys.Count)
        {
            var next = i + 1;
            while (next < _keys.Count && _keys[next].Generation == _keys[i].Generation)
                next++;
            if (next >= _keys.Count)
                break;
            if (_keys[next].TimestampMs + GroupKeyLimits.KeyExpiryMs < _keys[^1].TimestampMs)
                keepFrom = next;
            else
                break;
            i = next;
        }
        if (keepFrom > 0)
            _keys.RemoveRange(0, keepFrom);
    }
}
