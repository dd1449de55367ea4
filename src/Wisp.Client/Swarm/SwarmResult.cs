using Wisp.Client.Paths;
using Wisp.Client.Transport;

namespace Wisp.Client.Swarm;

/// <summary>Why a swarm request did not get an answer the client can use.</summary>
internal enum SwarmFailure
{
    /// <summary>Succeeded.</summary>
    None,
    /// <summary>No swarm member is known for the address (empty registry, and <c>get_swarm</c> found none).</summary>
    NoSwarm,
    /// <summary>The pool cannot make an onion path (no guard passed its test, or too few nodes).</summary>
    NoPath,
    /// <summary>Every attempt failed on its path (<see cref="SwarmError.RelayError"/> and <see cref="SwarmError.SendFailure"/> say how the last one did).</summary>
    PathsFailed,
    /// <summary>The path refused the request itself (too large, malformed): retrying elsewhere would not help.</summary>
    RequestRefused,
    /// <summary>The destination answered with an error (<see cref="SwarmError.Status"/>, and its message).</summary>
    Rejected,
    /// <summary>The destination answered 2xx with a body that is not what the method returns.</summary>
    BadReply,
    /// <summary>The request's total deadline (<see cref="ClientLimits.RequestDeadline"/>) passed.</summary>
    DeadlineExceeded,
}

/// <summary>Why a request failed, in words and codes the caller can act on.</summary>
/// <param name="Failure">The kind of failure.</param>
/// <param name="Message">A sentence saying what happened.</param>
/// <param name="Status">The destination's status (for <see cref="SwarmFailure.Rejected"/>) or the hop's HTTP status (for a relay error); else 0.</param>
/// <param name="RelayError">The last relay error seen, if any.</param>
/// <param name="SendFailure">How the last attempt failed to reach its guard, if it did.</param>
internal sealed record SwarmError(
    SwarmFailure Failure, string Message, int Status = 0,
    OnionRelayError RelayError = OnionRelayError.None, OnionSendFailure SendFailure = OnionSendFailure.None);

/// <summary>How a request went: attempts made, where it finally went, what was corrected on the way.</summary>
/// <param name="Attempts">Onion requests sent (1 when the first one answered).</param>
/// <param name="Destination">The node that answered last, if any did.</param>
/// <param name="Path">The path of the last attempt, if one was found.</param>
/// <param name="Misdirected">True when a node answered 421 and the request was retried on the swarm it named.</param>
/// <param name="ClockCorrected">True when a node answered 406/425 and the request was retried on its clock.</param>
internal sealed record SwarmCallInfo(int Attempts, ServiceNode? Destination, OnionPath? Path, bool Misdirected, bool ClockCorrected);

/// <summary>The outcome of a swarm request: a value or an error, and how the request went.</summary>
internal sealed record SwarmResult<T>(T? Value, SwarmError? Error, SwarmCallInfo Info) where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Ok => Error is null;
}
