using System.Text;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// The account's protocol v2 key ring (Session's "Account keys"): the current seed and those rotated away in the last 16
/// days, in <c>account_keys</c> (migration 10) with each seed encrypted. Incoming v2 messages open with any of them;
/// the current one is what the account publishes. Device groups carry the ring between an account's devices:
/// <see cref="All"/> to send it, <see cref="Merge"/> to take another device's.
/// </summary>
internal sealed class AccountKeyRing(LocalStore db, AccountId account)
{
    /// <summary>Raised after a rotation made on this device, with the new current entry (device groups push it on).</summary>
    public event Action<AccountKeyEntry>? Rotated;

    /// <summary>Raised after the ring changed here (a rotation, a merge, the first key): the bundle is republished.</summary>
    public event Action? Changed;

    /// <summary>This device's id for the rotation timer's per-device delay; device groups set their own.</summary>
    public Func<byte[]> DeviceId { get; set; } = () => Blake2b.Hash(Encoding.ASCII.GetBytes("wisp-device:" + account.Hex), 32);

    /// <summary>How many devices the account has (N of the rotation timer); device groups set their count.</summary>
    public Func<int> DeviceCount { get; set; } = () => 1;

    /// <summary>Every retained entry, oldest first.</summary>
    public IReadOnlyList<AccountKeyEntry> All()
    {
        lock (db.Gate)
        {
            var entries = new List<AccountKeyEntry>();
            using var command = db.Command("SELECT key_id, seed, created_at, rotated_at FROM account_keys ORDER BY created_at, key_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                // A seed that fails to decrypt (a damaged cell) is skipped: the others still open messages.
                if (!ClientSchema.AccountKeySeed.TryDecrypt(db.Key, reader.GetString(0), (byte[])reader.GetValue(1), out var seed))
                    continue;
                entries.Add(new AccountKeyEntry(seed, Time(reader.GetInt64(2)), reader.IsDBNull(3) ? null : Time(reader.GetInt64(3))));
            }
            return entries;
        }
    }

    /// <summary>The current entry (the newest unrotated one), or null before the first.</summary>
    public AccountKeyEntry? Current() => AccountKeyRotation.Current(All());

    /// <summary>The current entry, made now when the ring is empty (a new account, or one from before protocol v2).</summary>
    public AccountKeyEntry EnsureCurrent(DateTimeOffset now)
    {
        lock (db.Gate)
        {
            if (Current() is { } current)
                return current;
            var first = AccountKeyEntry.Create(now);
            Write([first]);
            Changed?.Invoke();
            return first;
        }
    }

    /// <summary>True when this device should rotate now (Session's 12h ± 1h timer for this device and seed).</summary>
    public bool IsRotationDue(DateTimeOffset now) =>
        Current() is not { } current || AccountKeyRotation.IsDue(current, DeviceId(), Math.Max(1, DeviceCount()), now);

    /// <summary>
    /// Rotates: a new current seed from now, the old one marked rotated away now, entries rotated away more than 16 days
    /// ago dropped. Raises <see cref="Rotated"/> and <see cref="Changed"/>.
    /// </summary>
    public AccountKeyEntry Rotate(DateTimeOffset now)
    {
        AccountKeyEntry next;
        lock (db.Gate)
        {
            next = AccountKeyEntry.Create(now);
            Replace(AccountKeyRotation.Rotate(All(), next, now));
        }
        Rotated?.Invoke(next);
        Changed?.Invoke();
        return next;
    }

    /// <summary>Rotates when due; the new entry, or null when it was not due.</summary>
    public AccountKeyEntry? RotateIfDue(DateTimeOffset now) => IsRotationDue(now) ? Rotate(now) : null;

    /// <summary>
    /// Takes entries another device holds: a union by seed (the same seed keeps its earliest creation and earliest
    /// rotation); the newest created (lowest seed on a tie) is current and every other entry still unrotated is marked
    /// rotated at its creation; entries rotated away more than 16 days ago are dropped. True when anything changed.
    /// </summary>
    public bool Merge(IEnumerable<AccountKeyEntry> received, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(received);
        bool changed;
        lock (db.Gate)
        {
            var held = All();
            var merged = KeyRingMerge.Merge(held, received, now);
            changed = !KeyRingMerge.SameEntries(held, merged);
            if (changed)
                Replace(merged);
        }
        if (changed)
            Changed?.Invoke();
        return changed;
    }

    /// <summary>Drops entries rotated away more than 16 days ago; how many went.</summary>
    public int Prune(DateTimeOffset now)
    {
        lock (db.Gate)
        {
            var held = All();
            var kept = AccountKeyRotation.Prune(held, now);
            if (kept.Count != held.Count)
                Replace(kept);
            return held.Count - kept.Count;
        }
    }

    /// <summary>The row key of an entry: a hash of its seed (entries from another device match without decrypting).</summary>
    public static string KeyId(ReadOnlySpan<byte> seed) =>
        Convert.ToHexStringLower(Blake2b.Hash(seed, 16, Encoding.ASCII.GetBytes("wisp-account-key-id")));

    private void Replace(IReadOnlyList<AccountKeyEntry> entries)
    {
        using var transaction = db.Begin();
        db.Execute("DELETE FROM account_keys");
        Write(entries);
        transaction.Commit();
    }

    private void Write(IEnumerable<AccountKeyEntry> entries)
    {
        foreach (var entry in entries)
        {
            var id = KeyId(entry.Seed);
            db.Execute(
                "INSERT INTO account_keys (key_id, seed, created_at, rotated_at) VALUES ($id, $seed, $created, $rotated)",
                ("$id", id), ("$seed", ClientSchema.AccountKeySeed.Encrypt(db.Key, id, entry.Seed)),
                ("$created", entry.Created.ToUnixTimeMilliseconds()), ("$rotated", entry.RotatedAt?.ToUnixTimeMilliseconds()));
        }
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
