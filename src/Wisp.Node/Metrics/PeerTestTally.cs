namespace Wisp.Node.Metrics;

/// <summary>Per tested node: how many peer tests passed and failed since start, and the last failure (for status and metrics).</summary>
public sealed record PeerTestTally(string Peer, long Passed, long Failed, string? LastFailure);
