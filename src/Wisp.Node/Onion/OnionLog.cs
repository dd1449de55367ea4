using Microsoft.Extensions.Logging;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// The relay's log messages. A hop's neighbours (the caller's address, the next node's key) appear only at Debug;
/// request contents, destinations and server targets never appear at all.
/// </summary>
internal static partial class OnionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Onion request from {PreviousHop} at hop {HopNumber}: {Outcome}")]
    public static partial void Peeled(ILogger logger, string previousHop, int hopNumber, PeelError outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forwarding an onion layer to node {NextNode} as hop {HopNumber}")]
    public static partial void Forwarding(ILogger logger, string nextNode, int hopNumber);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The next node is not in the directory")]
    public static partial void NextNodeUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The next hop gave no answer: {Failure}")]
    public static partial void UpstreamFailed(ILogger logger, UpstreamFailure failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a server relay to a target that is not allowed")]
    public static partial void TargetRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Onion request refused: the node is not ready")]
    public static partial void NotReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The onion relay failed on a request; answered 500")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A relayed answer was cut short ({Result}); the client's connection is closed")]
    public static partial void RelayCut(ILogger logger, Wisp.Node.NodeLinks.RelayCopyResult result);
}
