using System.Globalization;
using System.Text;
using Wisp.Node.Admission;
using Wisp.Node.Storage;

namespace Wisp.Node.Metrics;

/// <summary>
/// Writes the node's metrics in the Prometheus text exposition format (version 0.0.4), as served at
/// <c>GET /metrics</c>. Reads only in-memory counters, so a scrape costs no database query.
/// </summary>
public static class PrometheusText
{
    /// <summary>The content type Prometheus expects.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>All metrics as one text document.</summary>
    public static string Write(
        NodeMetrics metrics, MessageStoreCounters store, long storageCapBytes, ClientRateLimiter rateLimiter, BodyBudget bodies,
        IReadOnlyList<PeerTestTally>? peerTests = null)
    {
        var text = new StringBuilder();
        Header(text, "wisp_requests_total", "counter", "Storage RPC requests answered, by method and HTTP status.");
        foreach (var count in metrics.Requests())
        {
            text.Append("wisp_requests_total{method=\"").Append(count.Method)
                .Append("\",status=\"").Append(count.Status.ToString(CultureInfo.InvariantCulture))
                .Append("\"} ").Append(count.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        if (peerTests is not null)
        {
            // One series per tested node: bounded by the registry's node count.
            Header(text, "wisp_peer_tests_total", "counter", "Tests of other nodes since start, by node and result.");
            foreach (var tally in peerTests)
            {
                text.Append("wisp_peer_tests_total{peer=\"").Append(tally.Peer).Append("\",result=\"passed\"} ")
                    .Append(tally.Passed.ToString(CultureInfo.InvariantCulture)).Append('\n');
                text.Append("wisp_peer_tests_total{peer=\"").Append(tally.Peer).Append("\",result=\"failed\"} ")
                    .Append(tally.Failed.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        Single(text, "wisp_messages", "gauge", "Messages stored now.", store.Messages);
        Single(text, "wisp_message_bytes", "gauge", "Bytes of message data stored now.", store.DataBytes);
        Single(text, "wisp_storage_cap_bytes", "gauge", "Bytes of message data the node accepts before refusing stores.", storageCapBytes);
        Single(text, "wisp_messages_stored_total", "counter", "Messages newly stored since start.", store.StoredTotal);
        Single(text, "wisp_stored_bytes_total", "counter", "Bytes of message data newly stored since start.", store.StoredBytesTotal);
        Single(text, "wisp_messages_deleted_total", "counter", "Messages deleted by their owners since start.", store.DeletedTotal);
        Single(text, "wisp_messages_expired_total", "counter", "Messages removed by the expiry sweeper since start.", store.ExpiredTotal);
        Single(text, "wisp_stores_rejected_full_total", "counter", "Stores refused because the storage cap was reached.", store.RejectedFullTotal);
        Single(text, "wisp_group_commits_total", "counter", "Write transactions committed (each may hold many operations).", store.Commits);
        Single(text, "wisp_rate_limiter_clients", "gauge", "Client addresses the rate limiter tracks now.", rateLimiter.TrackedClients);
        Single(text, "wisp_buffered_body_bytes", "gauge", "Bytes of request bodies buffered now.", bodies.Used);
        Single(text, "wisp_uptime_seconds", "gauge", "Seconds since the node started.", (long)metrics.Uptime.TotalSeconds);
        Single(text, "process_resident_memory_bytes", "gauge", "Resident memory of the node process.", Environment.WorkingSet);
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Single(StringBuilder text, string name, string type, string help, long value)
    {
        Header(text, name, type, help);
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
