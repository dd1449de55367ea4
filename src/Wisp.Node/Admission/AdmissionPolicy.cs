namespace Wisp.Node.Admission;

/// <summary>
/// What <see cref="EdgeAdmission"/> lets into one endpoint: the body cap, whether the per-address rate applies, and
/// whether Loki's obsolete long-poll header is refused (the storage RPC, as Session's storage server refuses it).
/// </summary>
/// <param name="MaxBodyBytes">Largest body accepted, declared or sent.</param>
/// <param name="RateLimited">
/// True when every caller takes a token from the per-address <see cref="ClientRateLimiter"/>. False only for callers
/// already authenticated as nodes of the registry: a swarm peer forwards many clients' requests from one address.
/// </param>
/// <param name="RefusesLongPoll">
/// True when a request with an <c>X-Loki-Long-Poll</c> header is answered 410 (after the rate, before the body), as
/// Session's storage server answers it on <c>/storage_rpc/v1</c>: clients that still send it need upgrading.
/// </param>
/// <param name="AcceptsRelays">
/// True where nodes of the registry relay traffic (the onion route): a caller that proves it is one
/// (<see cref="IRelayCallerCheck"/>) takes from its own node's allowance (<see cref="RelayLimiters"/>) instead of
/// its address's, so the clients behind one guard cannot spend that guard's allowance here.
/// </param>
public sealed record AdmissionPolicy(int MaxBodyBytes, bool RateLimited, bool RefusesLongPoll = false, bool AcceptsRelays = false);
