using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Node.Storage;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Monitor;

/// <summary>
/// The monitor stream's dispatcher. The store's arrival signal (<see cref="MessageArrivals"/>, after each commit) pokes
/// it when a watched account got a message; one loop then reads the messages table from its cursor onwards, in row
/// id order, and queues a notification to each subscriber of each row. Reading the table, rather than taking
/// messages from the store path, covers client stores, replication, catch-up and migration alike, only after commit,
/// and gives each connection its notifications in increasing cursor order — so "highest cursor received" is always a
/// safe resume point. Subscribes and resumes run on the same loop, so a resume's replay and the live stream meet
/// exactly at one cursor: nothing missed, nothing doubled.
/// </summary>
internal sealed partial class MonitorHub : BackgroundService, IArrivalObserver
{
    private const int ScanBatch = 512;

    private readonly SqliteMessageStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitorHub> _logger;
    private readonly Channel<MonitorJob> _jobs;
    private readonly List<MonitorEntry> _matches = [];
    private int _poked;
    private long _scanned;

    public MonitorHub(SqliteMessageStore store, MonitorBounds bounds, TimeProvider time, ILogger<MonitorHub> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        Bounds = bounds;
        Table = new MonitorTable(bounds);
        Connections = new MonitorConnections(bounds);
        // One job per connection at most (each reader waits for its own) and one coalesced poke.
        _jobs = Channel.CreateBounded<MonitorJob>(new BoundedChannelOptions(bounds.MaxConnections + 1) { SingleReader = true });
        _scanned = store.ArrivalCursor();
        store.Arrivals.Observer = this;
    }

    public MonitorBounds Bounds { get; }

    public MonitorTable Table { get; }

    public MonitorConnections Connections { get; }

    /// <summary>The id of the store cursors belong to.</summary>
    public string StoreId => _store.StoreId;

    /// <summary>The node's arrival cursor now (for the hello).</summary>
    public long Cursor() => _store.ArrivalCursor();

    /// <summary>Notifications queued since start (for the bench and the tests).</summary>
    public long Notified => Volatile.Read(ref _notified);

    private long _notified;

    /// <inheritdoc />
    public void Arrived(string owner, int ns)
    {
        if (Table.Watches(owner) && Interlocked.Exchange(ref _poked, 1) == 0)
            _jobs.Writer.TryWrite(MonitorJob.Poke);
    }

    /// <summary>Applies verified subscriptions (and a resume) on the dispatcher; completes with the replies.</summary>
    public async Task<MonitorJob> SubmitAsync(MonitorJob job, CancellationToken cancellationToken)
    {
        await _jobs.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        await job.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (job.Connection is null)
                    {
                        Volatile.Write(ref _poked, 0);
                        Scan();
                    }
                    else
                    {
                        Apply(job);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A failed read (the store closing) loses no message: the cursor did not move past it.
                    LogDispatchFailed(_logger, exception);
                    job.Done.TrySetException(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Reads every committed row after the scan cursor and queues its notifications.
    private void Scan()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Table.SweepIfDue(now);
        while (true)
        {
            var rows = _store.ReadArrivalsAfter(_scanned, ScanBatch);
            foreach (var row in rows)
            {
                _matches.Clear();
                Table.Collect(row.Owner, row.Namespace, now, _matches);
                if (_matches.Count > 0) Deliver(row, _matches);
                _scanned = row.Id;
            }
            if (rows.Count < ScanBatch)
                return;
        }
    }

    private void Deliver(ArrivalRow row, List<MonitorEntry> entries)
    {
        byte[]? plain = null, withData = null;
        foreach (var entry in entries)
        {
            var connection = entry.Connection;
            if (connection.LastSent >= row.Id)
                continue;
            byte[] frame;
            if (entry.WantData)
            {
                if (withData is null)
                {
                    if (_store.ReadArrivalData(row.Id) is not { } data)
                        return; // deleted since it was read: nobody is told of a message that is gone
                    withData = Encode(row, data);
                }
                frame = withData;
            }
            else
            {
                frame = plain ??= Encode(row, null);
            }
            if (connection.Enqueue(frame))
            {
                connection.LastSent = row.Id;
                Interlocked.Increment(ref _notified);
            }
        }
    }

    // A null byte[] would convert to empty data, not to "no data": the nullable is spelled out.
    internal static byte[] Encode(ArrivalRow row, byte[]? data) =>
        new MonitorNotification(
            Convert.FromHexString(row.Owner), row.Id, row.Hash, row.Namespace, row.TimestampMs, row.ExpiryMs,
            data is null ? (ReadOnlyMemory<byte>?)null : data).Encode();

    [LoggerMessage(Level = LogLevel.Error, Message = "The monitor dispatcher failed a step; it goes on")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
