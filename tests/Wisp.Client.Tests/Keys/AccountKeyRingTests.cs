using Wisp.Client.Account;
using Wisp.Client.Keys;
using Wisp.Client.Tests.Support;
using Wisp.Protocol.V2;

namespace Wisp.Client.Tests.Keys;

/// <summary>
/// The account key ring in the client database: the first key, rotation on Session's 12h ± 1h schedule, 16 days of
/// retention after rotation, merging another device's ring, and seeds kept encrypted.
/// </summary>
public sealed class AccountKeyRingTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private readonly TempHome _home = new();
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public void An_account_has_one_current_key_from_its_first_open_and_rotation_falls_due_between_11_and_13_hours()
    {
        var ring = Ring("alice");
        var first = Assert.Single(ring.All());
        Assert.Null(first.RotatedAt);
        Assert.Equal(first.Seed, ring.EnsureCurrent(T0).Seed); // made once

        var (created, rotatesAt) = (first.Created, AccountKeyRotation.RotationTime(first, ring.DeviceId(), 1));
        Assert.InRange(rotatesAt, created + TimeSpan.FromHours(11), created + TimeSpan.FromHours(13));
        Assert.False(ring.IsRotationDue(rotatesAt - TimeSpan.FromSeconds(1)));
        Assert.Null(ring.RotateIfDue(rotatesAt - TimeSpan.FromSeconds(1)));
        Assert.True(ring.IsRotationDue(rotatesAt));
        var next = ring.RotateIfDue(rotatesAt);
        Assert.NotNull(next);
        Assert.Equal(next.Seed, ring.Current()!.Seed);
    }

    [Fact]
    public void A_rotated_key_is_kept_16_days_then_dropped()
    {
        var ring = Ring("alice");
        var old = ring.Current()!;
        var rotatedAt = old.Created + TimeSpan.FromHours(12);
        var rotations = new List<AccountKeyEntry>();
        ring.Rotated += rotations.Add;
        var current = ring.Rotate(rotatedAt);

        Assert.Equal(current.Seed, Assert.Single(rotations).Seed);
        var kept = ring.All().Single(e => e.Seed.AsSpan().SequenceEqual(old.Seed));
        Assert.Equal(rotatedAt, kept.RotatedAt);
        Assert.Equal(0, ring.Prune(rotatedAt + TimeSpan.FromDays(16)));
        Assert.Equal(2, ring.All().Count);
        Assert.Equal(1, ring.Prune(rotatedAt + TimeSpan.FromDays(16) + TimeSpan.FromSeconds(1)));
        Assert.Equal(current.Seed, Assert.Single(ring.All()).Seed);
    }

    [Fact]
    public void Merging_another_devices_ring_keeps_the_newest_key_current_and_a_second_merge_changes_nothing()
    {
        var mine = Ring("alice");
        var theirs = Ring("alice-tablet");
        var myKey = mine.Current()!;
        var theirKey = theirs.Rotate(myKey.Created + TimeSpan.FromHours(1)); // newer than mine
        var now = theirKey.Created + TimeSpan.FromMinutes(1);

        Assert.True(mine.Merge(theirs.All(), now));
        Assert.Equal(theirKey.Seed, mine.Current()!.Seed);
        // Mine was still current here: it counts as rotated away when the newer one was made.
        Assert.Equal(theirKey.Created, mine.All().Single(e => e.Seed.AsSpan().SequenceEqual(myKey.Seed)).RotatedAt);
        Assert.False(mine.Merge(theirs.All(), now));

        // The other way round the two rings end up the same.
        Assert.True(theirs.Merge(mine.All(), now));
        Assert.True(KeyRingMerge.SameEntries(mine.All(), theirs.All()));
    }

    [Fact]
    public void Two_keys_made_at_the_same_moment_settle_on_the_lower_seed_on_every_device()
    {
        var a = new AccountKeyEntry(Enumerable.Repeat((byte)0x22, 32).ToArray(), T0, null);
        var b = new AccountKeyEntry(Enumerable.Repeat((byte)0x11, 32).ToArray(), T0, null);
        var one = KeyRingMerge.Merge([a], [b], T0);
        var other = KeyRingMerge.Merge([b], [a], T0);
        Assert.Equal(b.Seed, AccountKeyRotation.Current(one)!.Seed);
        Assert.True(KeyRingMerge.SameEntries(one, other));
        Assert.Equal(T0, one.Single(e => e.Seed[0] == 0x22).RotatedAt);
    }

    [Fact]
    public void Seeds_are_not_in_the_database_file_in_the_clear()
    {
        var client = Client("alice");
        var seed = client.Keys.Ring.Current()!.Seed;
        using var command = client.Data.Local.Command("SELECT seed FROM account_keys");
        lock (client.Data.Local.Gate)
        {
            var stored = (byte[])command.ExecuteScalar()!;
            Assert.True(stored.AsSpan().IndexOf(seed) < 0);
            Assert.True(stored.Length > seed.Length);
        }
    }

    private AccountKeyRing Ring(string name) => Client(name).Keys.Ring;

    private WispClient Client(string name)
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        var client = WispClient.Over(created.Account, TimeProvider.System);
        _clients.Add(client);
        return client;
    }
}
