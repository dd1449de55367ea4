using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Wisp.Node.Metrics;
using Wisp.Node.Swarm;

namespace Wisp.Node.Peers;

/// <summary>What was tested of a peer.</summary>
public enum PeerTestKind
{
    /// <summary>The peer answered <c>info</c> over HTTPS.</summary>
    Reachability,
    /// <summary>The peer held a message both should hold, with the same bytes.</summary>
    Storage,
}

/// <summary>One test of one peer.</summary>
public sealed record PeerTestResult(string Peer, long TimeMs, PeerTestKind Kind, bool Passed, string Reason);

/// <summary>
/// The evidence of peer tests: every result in <c>peer-tests.db</c> (peer, time, kind, passed, reason; the newest
/// <see cref="ReplicationLimits.MaxPeerTestRows"/> kept), which obligation voting will read, plus counts per peer in
/// memory for status and metrics.
/// </summary>
public sealed class PeerTestLog : IDisposable
{
    /// <summary>The database file name inside the node's data directory.</summary>
    public const string FileName = "peer-tests.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, PeerTestTally> _tallies = new(StringComparer.Ordinal);

    private PeerTestLog(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the log in <paramref name="dataDirectory"/>.</summary>
    public static PeerTestLog Open(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, FileName)};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS peer_tests (
                id     INTEGER PRIMARY KEY AUTOINCREMENT,
                peer   TEXT    NOT NULL,
                time   INTEGER NOT NULL,
                kind   TEXT    NOT NULL,
                passed INTEGER NOT NULL,
                reason TEXT    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS peer_tests_peer ON peer_tests (peer, id);
            """;
        create.ExecuteNonQuery();
        return new PeerTestLog(connection);
    }

    /// <summary>Records a result and drops the oldest beyond the retention bound.</summary>
    public void Record(PeerTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO peer_tests (peer, time, kind, passed, reason) VALUES ($peer, $time, $kind, $passed, $reason);
                DELETE FROM peer_tests WHERE id <= (SELECT max(id) FROM peer_tests) - $keep;
                """;
            insert.Parameters.AddWithValue("$peer", result.Peer);
            insert.Parameters.AddWithValue("$time", result.TimeMs);
            insert.Parameters.AddWithValue("$kind", result.Kind.ToString().ToLowerInvariant());
            insert.Parameters.AddWithValue("$passed", result.Passed ? 1 : 0);
            insert.Parameters.AddWithValue("$reason", result.Reason);
            insert.Parameters.AddWithValue("$keep", ReplicationLimits.MaxPeerTestRows);
            insert.ExecuteNonQuery();
        }
        _tallies.AddOrUpdate(result.Peer,
            _ => new PeerTestTally(result.Peer, result.Passed ? 1 : 0, result.Passed ? 0 : 1, result.Passed ? null : result.Reason),
            (_, t) => result.Passed ? t with { Passed = t.Passed + 1 } : t with { Failed = t.Failed + 1, LastFailure = result.Reason });
    }

    /// <summary>The newest results, newest first, at most <paramref name="count"/> (optionally of one peer).</summary>
    public IReadOnlyList<PeerTestResult> Recent(int count, string? peer = null)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT peer, time, kind, passed, reason FROM peer_tests"
                + (peer is null ? "" : " WHERE peer = $peer") + " ORDER BY id DESC LIMIT $count";
            if (peer is not null) select.Parameters.AddWithValue("$peer", peer);
            select.Parameters.AddWithValue("$count", count);
            var results = new List<PeerTestResult>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                results.Add(new PeerTestResult(reader.GetString(0), reader.GetInt64(1),
                    reader.GetString(2) == "storage" ? PeerTestKind.Storage : PeerTestKind.Reachability,
                    reader.GetInt64(3) != 0, reader.GetString(4)));
            }
            return results;
        }
    }

    /// <summary>Counts per peer since start, sorted by peer.</summary>
    public IReadOnlyList<PeerTestTally> Tallies() => _tallies.Values.OrderBy(t => t.Peer, StringComparer.Ordinal).ToList();

    /// <summary>Closes the database.</summary>
    public void Dispose()
    {
        lock (_lock) _connection.Dispose();
    }
}
