using Wisp.Protocol.V2;

namespace Wisp.Protocol.Tests.V2;

public class AccountKeyRotationTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    [Fact]
    public void DeviceFactorAndRotationTimesMatchTheReference()
    {
        var vector = V2Vectors.Root.GetProperty("rotation");
        var seed = vector.Hex("seed");
        var deviceId = vector.Hex("device_id");
        var entry = new AccountKeyEntry(seed, DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("created").GetInt64()), null);

        Assert.Equal(vector.GetProperty("u").GetDouble(), AccountKeyRotation.DeviceFactor(seed, deviceId));
        foreach (var time in vector.GetProperty("times").EnumerateArray())
        {
            var expected = time.GetProperty("rotate_at").GetDouble();
            var actual = AccountKeyRotation.RotationTime(entry, deviceId, time.GetProperty("devices").GetInt32());
            Assert.InRange(actual.ToUnixTimeMilliseconds() / 1000.0 - expected, -0.002, 0.002);
        }
    }

    [Fact]
    public void RotationFallsBetweenElevenAndThirteenHours()
    {
        for (var i = 0; i < 20; i++)
        {
            var entry = AccountKeyEntry.Create(T0);
            var deviceId = Wisp.Crypto.RandomBytes.Get(32);
            foreach (var devices in new[] { 1, 4 })
            {
                var at = AccountKeyRotation.RotationTime(entry, deviceId, devices);
                Assert.InRange(at - T0, TimeSpan.FromHours(11), TimeSpan.FromHours(13));
                Assert.False(AccountKeyRotation.IsDue(entry, deviceId, devices, at - TimeSpan.FromSeconds(1)));
                Assert.True(AccountKeyRotation.IsDue(entry, deviceId, devices, at));
            }
        }
    }

    [Fact]
    public void MoreDevicesMeansEachOneWaitsLonger()
    {
        // ε = −1 h + 2 h·(1 − u^N) grows with N for a fixed u, so the earliest of N devices stays uniform.
        var entry = AccountKeyEntry.Create(T0);
        var deviceId = new byte[32];
        Assert.True(AccountKeyRotation.RotationTime(entry, deviceId, 5) >= AccountKeyRotation.RotationTime(entry, deviceId, 1));
    }

    [Fact]
    public void RotateMarksTheOldKeyAndDropsKeysPastSixteenDays()
    {
        var ancient = new AccountKeyEntry(new byte[32], T0 - TimeSpan.FromDays(20), T0 - TimeSpan.FromDays(16) - TimeSpan.FromSeconds(1));
        var kept = new AccountKeyEntry(Enumerable.Repeat((byte)1, 32).ToArray(), T0 - TimeSpan.FromDays(17), T0 - TimeSpan.FromDays(16));
        var current = new AccountKeyEntry(Enumerable.Repeat((byte)2, 32).ToArray(), T0 - TimeSpan.FromHours(12), null);
        var next = AccountKeyEntry.Create(T0);

        var ring = AccountKeyRotation.Rotate([ancient, kept, current], next, T0);

        Assert.DoesNotContain(ring, e => e.Seed == ancient.Seed);
        Assert.Contains(ring, e => e.Seed == kept.Seed);
        Assert.Equal(T0, ring.Single(e => e.Seed == current.Seed).RotatedAt);
        Assert.Same(next, AccountKeyRotation.Current(ring));
        Assert.Single(ring, e => e.IsCurrent);
    }

    [Fact]
    public void CrossedRotationsSettleOnTheNewestThenLowestSeed()
    {
        var a = new AccountKeyEntry(Enumerable.Repeat((byte)9, 32).ToArray(), T0, null);
        var b = new AccountKeyEntry(Enumerable.Repeat((byte)3, 32).ToArray(), T0, null);
        var older = new AccountKeyEntry(new byte[32], T0 - TimeSpan.FromMinutes(1), null);

        Assert.Same(b, AccountKeyRotation.Current([a, older, b]));
        Assert.Same(b, AccountKeyRotation.Current([b, a]));
        Assert.Null(AccountKeyRotation.Current([]));
    }
}
