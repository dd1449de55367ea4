using Microsoft.Extensions.Logging;

namespace Wisp.Node.Swarm;

/// <summary>Log messages of node-to-node work. Peer addresses only at Debug.</summary>
internal static partial class SwarmLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Forward to swarm peer {Peer} failed: {Result}")]
    public static partial void ForwardFailed(ILogger logger, string peer, string result);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "Sending a forward batch of {Count} to swarm peer {Peer} failed; its requests are reported as failed")]
    public static partial void ForwardBatchFailed(ILogger logger, Exception exception, string peer, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Refused a node-to-node request from {Remote}: {Status} {Reason}")]
    public static partial void PeerRefused(ILogger logger, string remote, int status, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "A node-to-node request to {Path} failed; answered 500")]
    public static partial void PeerRequestFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Registry update rejected; staying on the last good version: {Reason}")]
    public static partial void RegistryRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Registry now at {Registry}; this node is in swarm {Swarm}")]
    public static partial void RegistryChanged(ILogger logger, string registry, string swarm);
}
