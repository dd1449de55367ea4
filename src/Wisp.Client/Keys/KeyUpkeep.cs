namespace Wisp.Client.Keys;

/// <summary>
/// The running client's key upkeep (daemon, chat, web): at start and every <see cref="KeyLimits.UpkeepInterval"/>, a
/// rotation when due, old keys dropped, and the current bundle published; a failed publish is retried sooner.
/// </summary>
internal sealed class KeyUpkeep(ClientKeys keys, TimeProvider time)
{
    /// <summary>The last publishing error, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            LastError = await keys.UpkeepAsync(cancellationToken).ConfigureAwait(false);
            var pause = LastError is null ? KeyLimits.UpkeepInterval : KeyLimits.PublishRetry;
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
