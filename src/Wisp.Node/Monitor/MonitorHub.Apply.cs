using Wisp.Node.Storage;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Monitor;

internal sealed partial class MonitorHub
{
    /// <summary>
    /// Most rows a resume reads to find what its subscriptions missed (500,000, about half a second of reading): a
    /// cursor further back than that is refused (errcode 8) without costing the dispatcher more.
    /// </summary>
    private const int MaxResumeScanRows = 500_000;

    private const int ResumeReadBatch = 2048;

    // On the dispatcher: brings the scan up to date, subscribes, replays for a resume, queues the answer, then scans
    // again so rows committed meanwhile reach the new subscriptions at once.
    private void Apply(MonitorJob job)
    {
        var connection = job.Connection!;
        Scan();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < job.Items.Count; i++)
        {
            if (job.Items[i] is { } item)
                job.Replies[i] = Table.Add(connection, item.Account, item.Namespaces, item.WantData, now) ?? MonitorReply.Success;
        }
        var replies = job.Replies.Select(r => r!).ToList();
        if (job.Resume is { } resume)
        {
            var (replayed, refusal) = Replay(connection, resume, now);
            job.ResumeReply = new MonitorResumeReply(_scanned, replayed, refusal, replies, job.IsList);
            connection.Enqueue(job.ResumeReply.Encode());
        }
        else
        {
            connection.Enqueue(BencodeWriter.Encode(MonitorReply.ToBencode(replies, job.IsList)));
        }
        job.Done.TrySetResult();
        Scan();
    }

    // Queues, in cursor order, every held message after the resume cursor for the connection's subscriptions.
    private (int Replayed, MonitorReply? Refusal) Replay(MonitorConnection connection, MonitorResumeRequest resume, long now)
    {
        if (!string.Equals(resume.Store, StoreId, StringComparison.OrdinalIgnoreCase) || resume.Cursor > _store.ArrivalCursor())
        {
            connection.LastSent = _scanned;
            return (0, MonitorReply.Failure(MonitorResponseCode.UnknownCursor,
                "Unknown cursor: it is from another store or ahead of this node; retrieve instead"));
        }
        var found = new List<(ArrivalRow Row, bool WantData)>();
        var after = resume.Cursor;
        var read = 0;
        while (after < _scanned)
        {
            var rows = _store.ReadArrivalsAfter(after, ResumeReadBatch);
            foreach (var row in rows)
            {
                if (row.Id > _scanned) break;
                if (row.ExpiryMs > now && Table.Find(connection, row.Owner, row.Namespace, now) is { } entry)
                    found.Add((row, entry.WantData));
            }
            read += rows.Count;
            if (rows.Count < ResumeReadBatch || found.Count > Bounds.MaxResumeNotifications || read > MaxResumeScanRows)
                break;
            after = rows[^1].Id;
        }
        if (found.Count > Bounds.MaxResumeNotifications || read > MaxResumeScanRows)
            return TooFarBehind(connection);

        var frames = new List<(long Id, byte[] Frame)>(found.Count);
        long bytes = 0;
        foreach (var (row, wantData) in found)
        {
            byte[]? data = null;
            if (wantData && (data = _store.ReadArrivalData(row.Id)) is null)
                continue; // deleted since: nothing to tell
            var frame = Encode(row, data);
            bytes += frame.Length;
            if (bytes > Bounds.MaxResumeBytes)
                return TooFarBehind(connection);
            frames.Add((row.Id, frame));
        }
        connection.LastSent = Math.Max(connection.LastSent, resume.Cursor);
        foreach (var (id, frame) in frames)
        {
            if (!connection.Enqueue(frame))
                break;
            connection.LastSent = id;
        }
        connection.LastSent = Math.Max(connection.LastSent, _scanned);
        Interlocked.Add(ref _notified, frames.Count);
        return (frames.Count, null);
    }

    private (int, MonitorReply?) TooFarBehind(MonitorConnection connection)
    {
        connection.LastSent = _scanned;
        return (0, MonitorReply.Failure(MonitorResponseCode.CursorTooOld,
            $"Cursor too old: more than {Bounds.MaxResumeNotifications} notifications or {Bounds.MaxResumeBytes} bytes since it; retrieve instead"));
    }
}
