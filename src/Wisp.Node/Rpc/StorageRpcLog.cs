using Microsoft.Extensions.Logging;

namespace Wisp.Node.Rpc;

/// <summary>The storage RPC's log messages (source-generated). Caller addresses are logged at Debug only.</summary>
internal static partial class StorageRpcLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Storage request {Method} from {Caller} answered {Status}")]
    public static partial void Answered(ILogger logger, string method, string caller, int status);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Storage request from {Caller} rejected {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, string caller, int status, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Storage request {Method} failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Storing a message failed; answered as a query failure")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Reading messages for a retrieve failed")]
    public static partial void RetrieveFailed(ILogger logger, Exception exception);
}
