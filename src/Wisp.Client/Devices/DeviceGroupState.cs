using Wisp.Client.Conversations;
using Wisp.Client.Keys;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Devices;
using Wisp.Protocol.V2;

namespace Wisp.Client.Devices;

/// <summary>What every device-group step needs: the account, the stores, the account key ring, and the network's clock.</summary>
internal sealed class DeviceGroupState(LocalStore db, Ed25519KeyPair account, AccountKeyRing ring, Func<long> nowMs, string profile)
{
    /// <summary>This device and the group's devices.</summary>
    public DeviceStore Devices { get; } = new(db);

    /// <summary>Link requests and groups seen.</summary>
    public DeviceRequestStore Requests { get; } = new(db);

    /// <summary>The account (its seed reads group identifiers and kicked lists; its key signs).</summary>
    public Ed25519KeyPair Account => account;

    /// <summary>The account key ring the group's payload carries.</summary>
    public AccountKeyRing Ring => ring;

    /// <summary>The shared connection (adopting a group's keys replaces the ring's rows in one step).</summary>
    public LocalStore Db => db;

    /// <summary>The network's time, Unix ms.</summary>
    public long NowMs() => nowMs();

    /// <summary>The network's time, Unix seconds.</summary>
    public long NowSeconds() => nowMs() / 1000;

    /// <summary>This device's row (made on first use, with a description naming the machine and profile).</summary>
    public DeviceSelf Self()
    {
        var self = Devices.Self(NowSeconds());
        if (self.Description.Length == 0)
        {
            var description = DeviceRecord.TruncateDescription($"Wisp on {Environment.MachineName} ({profile})");
            Devices.Set("description", description);
            self = self with { Description = description };
        }
        return self;
    }

    /// <summary>The ring as a payload's <c>K</c> list: current first, then by rotation, newest first.</summary>
    public List<AccountKeySeedEntry> AccountKeys() => [.. ring.All()
        .OrderBy(e => e.RotatedAt is not null).ThenByDescending(e => e.RotatedAt).ThenByDescending(e => e.Created)
        .Select(e => new AccountKeySeedEntry(e.Seed, e.Created.ToUnixTimeSeconds(), e.RotatedAt?.ToUnixTimeSeconds()))];

    /// <summary>A payload's <c>K</c> list as ring entries.</summary>
    public static IEnumerable<AccountKeyEntry> ToRing(IEnumerable<AccountKeySeedEntry> keys) => keys.Select(k => new AccountKeyEntry(
        k.Seed, DateTimeOffset.FromUnixTimeSeconds(k.Created), k.Rotated is { } r ? DateTimeOffset.FromUnixTimeSeconds(r) : null));

    /// <summary>
    /// Takes a group's account keys in place of whatever this device held: a group's keys never carry into another, and
    /// a key this device made before joining must not become the account's current one.
    /// </summary>
    public void AdoptAccountKeys(IEnumerable<AccountKeySeedEntry> keys)
    {
        lock (db.Gate)
        {
            db.Execute("DELETE FROM account_keys"); // the ring's table (migration 10): cleared so Merge takes the group's set whole
            ring.Merge(ToRing(keys), DateTimeOffset.FromUnixTimeMilliseconds(NowMs()));
        }
    }

    /// <summary>This device's direct key (X25519) for its record, or null while direct mode is not wired (set by the client).</summary>
    public Func<byte[]?>? DirectKey { get; set; }

    /// <summary>This device's own record: its current keys, description, Wisp's type and version, and its direct key.</summary>
    public DeviceRecord OwnRecord(DeviceSelf self, DeviceKeys current, long seq, long timestamp) => new(
        self.DeviceId, seq, timestamp, current.MlKemPublic, current.X25519Public, self.Description, DeviceRecord.CliType, WispVersion, [])
    {
        DirectKey = DirectKey?.Invoke(),
    };

    /// <summary>Wisp's version as Session encodes one.</summary>
    public static long WispVersion { get; } = typeof(DeviceGroupState).Assembly.GetName().Version is { } v
        ? DeviceRecord.EncodeVersion(v.Major, v.Minor, Math.Max(0, v.Build))
        : 0;
}
