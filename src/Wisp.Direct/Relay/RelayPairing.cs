using System.Net;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Relay;

/// <summary>A granted pairing: connect the stream to <see cref="Relay"/> with remote id <see cref="RelayStreamId"/>.</summary>
public sealed record RelayPairing(IPEndPoint Relay, uint RelayStreamId);

/// <summary>The relay refused a pairing; <see cref="Reason"/> says why.</summary>
public sealed class RelayRefusedException(RelayRefusal reason) : IOException($"the relay refused the pairing: {reason}")
{
    /// <summary>The relay's reason.</summary>
    public RelayRefusal Reason { get; } = reason;
}

/// <summary>A relay's counters.</summary>
public sealed record RelayStats(int Pairs, int PendingPairs, long BytesForwarded, long PacketsForwarded, long Refused, long Dropped);
