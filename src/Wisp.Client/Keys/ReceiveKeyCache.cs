using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// The ring's entries expanded into key pairs (an ML-KEM key generation each), kept while the ring holds the same seeds:
/// the ring is read for every message (another process of the profile may have rotated), expanded only on a change.
/// </summary>
internal sealed class ReceiveKeyCache(AccountKeyRing ring)
{
    private readonly Lock _gate = new();
    private string _ids = "";
    private IReadOnlyList<AccountKey> _keys = [];

    /// <summary>The current and retained keys, newest first (the usual match comes first).</summary>
    public IReadOnlyList<AccountKey> Get()
    {
        var entries = ring.All().OrderByDescending(e => e.Created).ToList();
        var ids = string.Join(",", entries.Select(e => AccountKeyRing.KeyId(e.Seed)));
        lock (_gate)
        {
            if (ids != _ids)
            {
                // Replaced lists are left to the collector, not disposed: a message being opened may still hold one.
                _keys = [.. entries.Select(e => e.Expand())];
                _ids = ids;
            }
            return _keys;
        }
    }
}
