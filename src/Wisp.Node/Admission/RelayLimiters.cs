using Microsoft.AspNetCore.Http;

namespace Wisp.Node.Admission;

/// <summary>
/// Recognises a caller that is a node of the registry relaying onion traffic, from the request's headers alone (before
/// the body is read). Returns the node's limiter key, or null for anyone else (who is then treated as a client).
/// </summary>
public interface IRelayCallerCheck
{
    /// <summary>The relaying node's key for <see cref="RelayLimiters"/>, or null when the caller has not proved it is one.</summary>
    UInt128? Identify(HttpContext context);
}

/// <summary>
/// The allowance of relaying registry nodes, apart from the clients': a rate per node
/// (<see cref="Limits.RelayAllowanceMultiplier"/> times a client's) and a cap on its requests in flight
/// (<see cref="Limits.MaxConcurrentRelayedPerNode"/>).
/// </summary>
public sealed record RelayLimiters(ClientRateLimiter Rate, ConcurrencyLimiter Concurrency);

/// <summary>The per-address cap on client requests in flight (<see cref="Limits.MaxConcurrentRequestsPerClient"/>).</summary>
public sealed record ClientConcurrency(ConcurrencyLimiter Limiter);
