using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using System.Globalization;
using Wisp.Node.Peers;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;

namespace Wisp.Node.Hosting;

/// <summary>
/// <c>GET /metrics</c> (Prometheus text) and <c>GET /status</c> (JSON for <c>wisp node status</c>). Aggregates only;
/// by default answered to loopback callers alone, since an operator scrapes them locally or through a tunnel.
/// </summary>
internal static class StatusEndpoints
{
    public const string MetricsRoute = "/metrics";
    public const string StatusRoute = "/status";

    public static async Task MetricsAsync(HttpContext context)
    {
        if (await RefusedAsync(context)) return;
        var services = context.RequestServices;
        var store = services.GetRequiredService<SqliteMessageStore>();
        var text = PrometheusText.Write(
            services.GetRequiredService<NodeMetrics>(), store.Counters, services.GetRequiredService<NodeOptions>().StorageCapBytes,
            services.GetRequiredService<ClientRateLimiter>(), services.GetRequiredService<BodyBudget>(),
            services.GetService<PeerTestLog>()?.Tallies());
        context.Response.ContentType = PrometheusText.ContentType;
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    public static async Task StatusAsync(HttpContext context)
    {
        if (await RefusedAsync(context)) return;
        var services = context.RequestServices;
        var store = services.GetRequiredService<SqliteMessageStore>();
        var identity = services.GetRequiredService<NodeIdentity>();
        var metrics = services.GetRequiredService<NodeMetrics>();
        var statistics = await store.GetStatisticsAsync(context.RequestAborted);
        var counters = store.Counters;
        var status = new NodeStatus(
            WispNodeHost.Version, identity.Url, identity.Keys.PublicKey.ToHex(), identity.Keys.X25519PublicKey.ToHex(),
            (long)metrics.Uptime.TotalSeconds, statistics.Messages, statistics.DataBytes, statistics.Owners,
            statistics.DatabaseBytes, services.GetRequiredService<NodeOptions>().StorageCapBytes, counters.StoredTotal,
            counters.ExpiredTotal, counters.DeletedTotal, counters.RejectedFullTotal, Environment.WorkingSet,
            metrics.Requests());
        if (services.GetService<SwarmMembership>() is { } membership)
        {
            status = status with
            {
                RegistryVersion = membership.Current.Version,
                Swarm = membership.MySwarmId?.ToString("x", CultureInfo.InvariantCulture),
                SwarmPeers = membership.Peers().Select(p => p.Ed25519Key.ToHex()).ToList(),
                PeerTests = services.GetService<PeerTestLog>()?.Tallies() ?? [],
            };
        }
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, status, NodeJson.Indented, context.RequestAborted);
    }

    private static async Task<bool> RefusedAsync(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<NodeOptions>().MetricsFromAnyAddress) return false;
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)) return false;
        await EdgeRefusals.WriteAsync(context, StatusCodes.Status403Forbidden,
            "Metrics and status answer loopback callers only. Query them on the node's machine, or start the node with --metrics-public.");
        return true;
    }
}
