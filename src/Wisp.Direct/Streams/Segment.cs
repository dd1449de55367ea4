namespace Wisp.Direct.Streams;

/// <summary>One reliable packet sent and not yet cumulatively acknowledged (DATA, or END when <see cref="Payload"/> is empty).</summary>
internal sealed class Segment(uint seq, byte[] payload, bool isEnd)
{
    public uint Seq { get; } = seq;

    public byte[] Payload { get; } = payload;

    public bool IsEnd { get; } = isEnd;

    /// <summary>When it was last (re)sent, on the stream's clock.</summary>
    public TimeSpan SentAt { get; set; }

    public int Transmissions { get; set; }

    /// <summary>The peer holds it out of order (a SACK block covered it).</summary>
    public bool Sacked { get; set; }

    /// <summary>Judged lost and waiting to be resent.</summary>
    public bool Lost { get; set; }
}
