namespace Wisp.Chain.Tests.Support;

/// <summary>A clock a test sets to an exact instant (a block's time) before each registry append.</summary>
public sealed class SettableTime : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
