
namespace Wisp.Network.Registry;

/// <summary>
/// The embedded registry for a network on one machine: a signed registry file that this class loads, verifies and
/// follows. It checks the file every <see cref="FileRegistryOptions.PollInterval"/> (on the injected
/// <see cref="TimeProvider"/>'s timer) or when asked; a newer valid version replaces <see cref="Current"/>, and a bad
/// file (tampered, unsigned, malformed, rewritten history) is rejected with <see cref="LastError"/> while the last good
/// snapshot stays in force. Only new entries are replayed when the file grows. With
/// <see cref="FileRegistryOptions.HighWaterPath"/> the highest version taken is recorded before it is used, and a file
/// older than it is refused at the next start as well (<see cref="RegistryErrorKind.RolledBack"/>).
/// </summary>
public sealed class FileRegistry : INodeRegistry, IDisposable
{
    private readonly FileRegistryOptions _options;
    private readonly Lock _refreshLock = new();
    private readonly RegistryWatchers _watchers = new();
    private readonly ITimer? _timer;
    private RegistryLedger _ledger;
    private RegistrySnapshot _current;
    private RegistryError? _lastError;
    private FileStamp? _lastStamp;
    private bool _disposed;

    private FileRegistry(FileRegistryOptions options, TimeProvider timeProvider, LoadedRegistry loaded, FileStamp? stamp)
    {
        _options = options;
        _ledger = loaded.Ledger;
        _current = loaded.Snapshot;
        _lastStamp = stamp;
        if (options.PollInterval != Timeout.InfiniteTimeSpan)
            _timer = timeProvider.CreateTimer(static state => ((FileRegistry)state!).Refresh(), this, options.PollInterval, options.PollInterval);
    }

    /// <summary>Loads the file and starts following it; fails (and follows nothing) if the file is not a valid registry now.</summary>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    public static RegistryResult<FileRegistry> Open(FileRegistryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var stamp = FileStamp.Of(options.Path);
        var bytes = AtomicFile.Read(options.Path, RegistryLimits.MaxFileBytes);
        if (!bytes.IsSuccess)
            return bytes.Error;
        var loaded = RegistryFile.Verify(bytes.Value, options.RegistryKey, known: null);
        if (!loaded.IsSuccess)
            return loaded.Error;
        if (options.HighWaterPath is { } highWater)
        {
            if (RegistryHighWater.Check(loaded.Value.Ledger, RegistryHighWater.Read(highWater, options.RegistryKey)) is { } rolledBack)
                return rolledBack;
            RegistryHighWater.Write(highWater, options.RegistryKey, loaded.Value.Ledger);
        }
        return new FileRegistry(options, timeProvider, loaded.Value, stamp);
    }

    /// <summary>The path followed.</summary>
    public string Path => _options.Path;

    /// <inheritdoc/>
    public RegistrySnapshot Current => Volatile.Read(ref _current);

    /// <inheritdoc/>
    public RegistryError? LastError => Volatile.Read(ref _lastError);

    /// <inheritdoc/>
    public event EventHandler<RegistryChangedEventArgs>? Changed;

    /// <inheritdoc/>
    public event EventHandler<RegistryRejectedEventArgs>? Rejected;

    /// <summary>
    /// Checks the file now. Events are raised on this thread before it returns; handlers should be quick (hand work to
    /// a queue), since the next poll waits for them.
    /// </summary>
    public RegistryRefreshOutcome Refresh()
    {
        lock (_refreshLock)
        {
            if (_disposed)
                return RegistryRefreshOutcome.Unchanged;
            var stamp = FileStamp.Of(_options.Path);
            // Same size and time as last look: nothing new (a missing file is reported once, not on every poll).
            if (stamp == _lastStamp && (stamp is not null || _lastError is not null))
                return RegistryRefreshOutcome.Unchanged;
            _lastStamp = stamp;

            var bytes = AtomicFile.Read(_options.Path, RegistryLimits.MaxFileBytes);
            var loaded = bytes.IsSuccess ? RegistryFile.Verify(bytes.Value, _options.RegistryKey, _ledger) : bytes.Error;
            if (!loaded.IsSuccess)
                return Reject(loaded.Error);

            Volatile.Write(ref _lastError, null);
            if (loaded.Value.Ledger.Version == _ledger.Version)
                return RegistryRefreshOutcome.Unchanged;

            // Recorded before it is used: a crash after this line comes back at this version or refuses older ones.
            if (_options.HighWaterPath is { } highWater)
            {
                try
                {
                    RegistryHighWater.Write(highWater, _options.RegistryKey, loaded.Value.Ledger);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Reject(new RegistryError(RegistryErrorKind.WriteFailed,
                        $"version {loaded.Value.Ledger.Version} was not taken: its record could not be written ({e.Message})"));
                }
            }
            var previous = _current;
            _ledger = loaded.Value.Ledger;
            Volatile.Write(ref _current, loaded.Value.Snapshot);
            _watchers.Publish(loaded.Value.Snapshot);
            Changed?.Invoke(this, new RegistryChangedEventArgs(previous, loaded.Value.Snapshot));
            return RegistryRefreshOutcome.Updated;
        }
    }

    /// <inheritdoc/>
    public Task<RegistryRefreshOutcome> RefreshAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Refresh());
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RegistrySnapshot> WatchAsync(CancellationToken cancellationToken = default) =>
        _watchers.WatchAsync(() => Current, cancellationToken);

    /// <summary>Stops polling and ends every <see cref="WatchAsync"/> stream.</summary>
    public void Dispose()
    {
        lock (_refreshLock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _timer?.Dispose();
        _watchers.Complete();
    }

    private RegistryRefreshOutcome Reject(RegistryError error)
    {
        Volatile.Write(ref _lastError, error);
        Rejected?.Invoke(this, new RegistryRejectedEventArgs(error));
        return RegistryRefreshOutcome.Rejected;
    }

    /// <summary>Size and modification time: a cheap test for "the file may have changed" before reading it.</summary>
    private sealed record FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp? Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
