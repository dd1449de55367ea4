using Microsoft.Extensions.Logging;

namespace Wisp.Node.Hosting;

/// <summary>
/// The node host's log messages. Never a message's contents; client addresses only at Debug (an operator who
/// turns Debug on has chosen to see them).
/// </summary>
internal static partial class NodeLog
{
    // The keys are printed by `wisp node run` on stdout; the log line stays short.
    [LoggerMessage(Level = LogLevel.Information, Message = "Wisp node listening on {Url}")]
    public static partial void Started(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created a new node identity in {DataDirectory}")]
    public static partial void IdentityCreated(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: finishing requests in flight and committing queued writes")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; every acknowledged write is committed")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The storage RPC failed on a {Method} request; answered 500")]
    public static partial void RpcFailed(ILogger logger, Exception exception, string method);
}
