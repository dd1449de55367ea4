using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Storage;

public sealed class StorageLimitsTests
{
    [Fact]
    public void Message_limits_match_session()
    {
        Assert.Equal(76_800, StorageLimits.MaxMessageBytes);
        Assert.Equal(102_400, StorageLimits.MaxMessageBase64Chars);
    }

    [Fact]
    public void Ttl_limits_are_ten_seconds_to_fourteen_or_thirty_days()
    {
        Assert.Equal(10_000, StorageLimits.MinTtlMs);
        Assert.Equal(StorageLimits.MaxPublicTtlMs, (long)TimeSpan.FromDays(14).TotalMilliseconds);
        Assert.Equal(StorageLimits.MaxPrivateTtlMs, (long)TimeSpan.FromDays(30).TotalMilliseconds);
        Assert.Equal(60_000, StorageLimits.SignatureToleranceMs);
        Assert.Equal(10_000, StorageLimits.StoreFutureToleranceMs);
        Assert.Equal(20, StorageLimits.MaxBatchSubrequests);
    }

    [Theory]
    [InlineData(null, null, 1_560_000)]      // default −5 → 7,800,000 / 5
    [InlineData(0, 0, 1_560_000)]            // zeros mean unset
    [InlineData(-1, null, 7_800_000)]
    [InlineData(-2, null, 3_900_000)]
    [InlineData(1000, null, 1000)]
    [InlineData(99_000_000, null, 7_800_000)] // capped
    [InlineData(null, 10, 7_800_000)]        // a count alone: size is the maximum
    [InlineData(int.MinValue, null, 0)]
    public void Retrieve_size_budget_follows_sessions_rules(int? maxSize, int? maxCount, long expected) =>
        Assert.Equal(expected, StorageLimits.RetrieveSizeBudget(maxSize, maxCount));
}
