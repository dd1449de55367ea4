using Microsoft.Extensions.Logging;

namespace Wisp.Node.Dht;

/// <summary>The node's DHT log messages; peers' addresses never above Debug.</summary>
internal static partial class DhtLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the DHT on UDP {Endpoint}")]
    public static partial void Serving(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Joined the DHT: {Nodes} nodes in the routing table")]
    public static partial void Joined(ILogger logger, int nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No DHT: UDP {Endpoint} could not be bound ({Reason}); the node serves HTTPS without it")]
    public static partial void BindFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No DHT: the node's host {Host} is not IPv4, and the DHT carries IPv4 addresses only")]
    public static partial void NoIpv4(ILogger logger, string host);
}
