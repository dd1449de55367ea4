namespace Wisp.Node.Tests.Rpc.Support;

/// <summary>A clock the test sets: what makes clock-skew cases exact and timing-free.</summary>
internal sealed class ManualClock(long nowMs) : TimeProvider
{
    public long NowMs { get; set; } = nowMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
}
