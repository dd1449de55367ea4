namespace Wisp.Client.Communities;

/// <summary>
/// Polls every joined room's server with one <c>/batch</c> of since-queries each <see cref="CommunityLimits.PollInterval"/>,
/// or at once when nudged (after this account posts). Each server's failure is reported and the loop goes on.
/// </summary>
internal sealed class CommunityPoller(Func<CancellationToken, Task<CommunityResult<int>>> pollAll, Action<string, string> failed)
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Polls again now rather than at the next interval.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var polled = await pollAll(cancellationToken).ConfigureAwait(false);
                if (!polled.Ok)
                    failed("", polled.Error!);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed("", e.Message); // a poll must not end the loop; the next one tries again
            }
            try
            {
                await _nudge.WaitAsync(CommunityLimits.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
