namespace Wisp.Node.Admission;

/// <summary>
/// What <see cref="EdgeAdmission"/> lets into one endpoint: the body cap and whether the per-address rate applies.
/// </summary>
/// <param name="MaxBodyBytes">Largest body accepted, declared or sent.</param>
/// <param name="RateLimited">
/// True when every caller takes a token from the per-address <see cref="ClientRateLimiter"/>. False only for callers
/// already authenticated as nodes of the registry: a swarm peer forwards many clients' requests from one address.
/// </param>
public sealed record AdmissionPolicy(int MaxBodyBytes, bool RateLimited);
