namespace Wisp.Direct.Tests;

/// <summary>The deadline every stream, relay and secret-stream test runs under.</summary>
internal static class TestTimeout
{
    // Generous: the machine is shared. Nothing waits on this clock; it only turns a broken stream's hang into a failure.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>A source cancelled when the test is, or after the limit, whichever comes first.</summary>
    public static CancellationTokenSource Start()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        return timeout;
    }
}
