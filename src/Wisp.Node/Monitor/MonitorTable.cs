using Wisp.Protocol.Monitor;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Monitor;

/// <summary>
/// Who watches which account: one entry per (connection, account), as Session keys <c>monitoring_</c>. A repeated
/// subscription on the same connection renews the entry, merges its namespaces and ORs <c>want_data</c>. Entries live
/// <see cref="MonitorBounds.SubscriptionLifetime"/> from their last renewal; an expired one notifies nothing and is
/// swept when places run short or at the next scan after a minute.
/// </summary>
internal sealed class MonitorTable(MonitorBounds bounds)
{
    private const long SweepEveryMs = 60_000;

    private readonly Dictionary<string, List<MonitorEntry>> _byAccount = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _count;
    private long _lastSweepMs;

    /// <summary>Subscriptions held now (expired ones until swept included).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True when some connection watches <paramref name="owner"/> (cheap: called for every committed message).</summary>
    public bool Watches(string owner)
    {
        if (Volatile.Read(ref _count) == 0)
            return false;
        lock (_gate)
            return _byAccount.ContainsKey(owner);
    }

    /// <summary>Adds or renews <paramref name="connection"/>'s subscription to <paramref name="account"/>; the refusal when no place is left.</summary>
    public MonitorReply? Add(MonitorConnection connection, StoragePubkey account, IReadOnlyList<int> namespaces, bool wantData, long nowMs)
    {
        var expires = nowMs + (long)bounds.SubscriptionLifetime.TotalMilliseconds;
        lock (_gate)
        {
            if (connection.Ended)
                return MonitorReply.Failure(MonitorResponseCode.BadArgs, "Invalid arguments: the connection has closed");
            if (connection.Entries.TryGetValue(account.Hex, out var entry))
            {
                entry.Namespaces = [.. entry.Namespaces.Union(namespaces).Order()];
                entry.WantData |= wantData;
                entry.ExpiresAtMs = expires;
                return null;
            }
            if (connection.Entries.Count >= bounds.MaxSubscriptionsPerConnection || _count >= bounds.MaxSubscriptions)
                SweepLocked(nowMs);
            if (connection.Entries.Count >= bounds.MaxSubscriptionsPerConnection)
                return MonitorReply.Failure(MonitorResponseCode.TooManySubscriptions,
                    $"Too many subscriptions: a connection may watch at most {bounds.MaxSubscriptionsPerConnection} accounts");
            if (_count >= bounds.MaxSubscriptions)
                return MonitorReply.Failure(MonitorResponseCode.TooManySubscriptions,
                    $"Too many subscriptions: this node watches at most {bounds.MaxSubscriptions} accounts");
            entry = new MonitorEntry(connection, account.Hex, [.. namespaces], wantData, expires);
            connection.Entries.Add(account.Hex, entry);
            if (!_byAccount.TryGetValue(account.Hex, out var list))
                _byAccount[account.Hex] = list = [];
            list.Add(entry);
            _count++;
            return null;
        }
    }

    /// <summary>Adds to <paramref name="into"/> each live subscription to (<paramref name="owner"/>, <paramref name="ns"/>).</summary>
    public void Collect(string owner, int ns, long nowMs, List<MonitorEntry> into)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(owner, out var list))
                return;
            foreach (var entry in list)
            {
                if (entry.ExpiresAtMs > nowMs && Array.BinarySearch(entry.Namespaces, ns) >= 0)
                    into.Add(entry);
            }
        }
    }

    /// <summary>The live subscription of <paramref name="connection"/> to <paramref name="owner"/> that covers <paramref name="ns"/>, if any.</summary>
    public MonitorEntry? Find(MonitorConnection connection, string owner, int ns, long nowMs)
    {
        lock (_gate)
        {
            return connection.Entries.TryGetValue(owner, out var entry) && entry.ExpiresAtMs > nowMs
                && Array.BinarySearch(entry.Namespaces, ns) >= 0 ? entry : null;
        }
    }

    /// <summary>Drops every subscription of a closed connection.</summary>
    public void Remove(MonitorConnection connection)
    {
        lock (_gate)
        {
            connection.Ended = true; // a subscribe still on the dispatcher for it must not outlive it
            foreach (var entry in connection.Entries.Values) Unlink(entry);
            connection.Entries.Clear();
        }
    }

    /// <summary>Drops expired subscriptions, at most once a minute.</summary>
    public void SweepIfDue(long nowMs)
    {
        if (nowMs - Volatile.Read(ref _lastSweepMs) < SweepEveryMs)
            return;
        lock (_gate)
            SweepLocked(nowMs);
    }

    private void SweepLocked(long nowMs)
    {
        _lastSweepMs = nowMs;
        var expired = _byAccount.Values.SelectMany(l => l).Where(e => e.ExpiresAtMs <= nowMs).ToList();
        foreach (var entry in expired)
        {
            entry.Connection.Entries.Remove(entry.Owner);
            Unlink(entry);
        }
    }

    // Under _gate.
    private void Unlink(MonitorEntry entry)
    {
        if (_byAccount.TryGetValue(entry.Owner, out var list) && list.Remove(entry))
        {
            _count--;
            if (list.Count == 0) _byAccount.Remove(entry.Owner);
        }
    }
}

/// <summary>One connection's subscription to one account; changed only under the table's lock.</summary>
internal sealed class MonitorEntry(MonitorConnection connection, string owner, int[] namespaces, bool wantData, long expiresAtMs)
{
    public MonitorConnection Connection { get; } = connection;
    public string Owner { get; } = owner;
    public int[] Namespaces { get; set; } = namespaces;
    public bool WantData { get; set; } = wantData;
    public long ExpiresAtMs { get; set; } = expiresAtMs;
}
