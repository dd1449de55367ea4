using Wisp.Protocol.V2;

namespace Wisp.Protocol.Tests.V2;

public class ContactKeyFreshnessTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    [Theory]
    [InlineData(0, ContactKeyState.Fresh)]
    [InlineData(24 * 60 - 1, ContactKeyState.Fresh)]
    [InlineData(24 * 60 + 1, ContactKeyState.Stale)]
    [InlineData(48 * 60, ContactKeyState.Stale)]
    [InlineData(48 * 60 + 1, ContactKeyState.Expired)]
    public void CachedKeysAgeThroughThreeStates(int minutesOld, ContactKeyState expected)
    {
        Assert.Equal(expected, ContactKeyFreshness.Classify(Now - TimeSpan.FromMinutes(minutesOld), null, Now));
    }

    [Fact]
    public void NegativeResultSuppressesFetchingForAnHour()
    {
        Assert.Equal(ContactKeyState.Missing, ContactKeyFreshness.Classify(null, null, Now));
        Assert.Equal(ContactKeyState.NegativeCached, ContactKeyFreshness.Classify(null, Now - TimeSpan.FromMinutes(59), Now));
        Assert.Equal(ContactKeyState.Missing, ContactKeyFreshness.Classify(null, Now - TimeSpan.FromMinutes(61), Now));
        Assert.False(ContactKeyFreshness.ShouldFetch(ContactKeyState.NegativeCached));
        Assert.True(ContactKeyFreshness.ShouldFetch(ContactKeyState.Missing));
    }

    [Fact]
    public void NegativeResultNeverHidesUsableKeys()
    {
        // libsession keeps valid keys when a later fetch finds none; the NAK only gates the no-usable-keys path.
        var stale = ContactKeyFreshness.Classify(Now - TimeSpan.FromHours(30), Now - TimeSpan.FromMinutes(5), Now);
        var expired = ContactKeyFreshness.Classify(Now - TimeSpan.FromHours(50), Now - TimeSpan.FromMinutes(5), Now);

        Assert.Equal(ContactKeyState.Stale, stale);
        Assert.True(ContactKeyFreshness.CanUseCachedKeys(stale));
        Assert.True(ContactKeyFreshness.ShouldFetch(stale));
        Assert.Equal(ContactKeyState.NegativeCached, expired);
        Assert.False(ContactKeyFreshness.CanUseCachedKeys(expired));
    }

    [Fact]
    public void OnlyFreshAndStaleKeysAreUsedAndOnlyMissingOrExpiredBlockASend()
    {
        Assert.True(ContactKeyFreshness.CanUseCachedKeys(ContactKeyState.Fresh));
        Assert.False(ContactKeyFreshness.ShouldFetch(ContactKeyState.Fresh));
        Assert.False(ContactKeyFreshness.CanUseCachedKeys(ContactKeyState.Expired));
        Assert.True(ContactKeyFreshness.MustFetchBeforeSending(ContactKeyState.Expired));
        Assert.True(ContactKeyFreshness.MustFetchBeforeSending(ContactKeyState.Missing));
        Assert.False(ContactKeyFreshness.MustFetchBeforeSending(ContactKeyState.Stale));
    }
}
