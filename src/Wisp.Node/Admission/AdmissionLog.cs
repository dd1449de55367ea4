using Microsoft.Extensions.Logging;

namespace Wisp.Node.Admission;

/// <summary>The edge's refusals, at Debug: they name client addresses, which stay out of ordinary logs.</summary>
internal static partial class AdmissionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Rate limited {RemoteAddress}")]
    public static partial void RateLimited(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Too many requests in flight from {RemoteAddress}")]
    public static partial void TooManyInFlight(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answer refused, the in-flight budget is spent ({RemoteAddress})")]
    public static partial void AnswerShed(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a body from {RemoteAddress}: {Failure}")]
    public static partial void BodyRefused(ILogger logger, string remoteAddress, BodyReadFailure failure);
}
