namespace Wisp.Protocol.Direct;

/// <summary>A run of received packets past the cumulative ack: sequence numbers <c>[Start, End)</c>, serial arithmetic.</summary>
public readonly record struct SackBlock(uint Start, uint End);
