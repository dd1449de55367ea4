namespace Wisp.Protocol.Direct;

/// <summary>The type flags of a stream packet (byte 2 of its header), as UDX numbers them; several may be set at once.</summary>
[Flags]
public enum StreamPacketType : byte
{
    /// <summary>No flag: never valid on the wire.</summary>
    None = 0,

    /// <summary>Reliable payload; consumes one sequence number.</summary>
    Data = 1,

    /// <summary>The sender will write nothing more; consumes one sequence number, carries no payload.</summary>
    End = 2,

    /// <summary>An acknowledgement, possibly with selective-ack blocks after the header.</summary>
    Sack = 4,

    /// <summary>An unreliable datagram riding on the stream (never retransmitted).</summary>
    Message = 8,

    /// <summary>The sender tore the stream down; the receiver fails its pending reads and writes.</summary>
    Destroy = 16,

    /// <summary>Keep-alive and window probe: the receiver answers with an acknowledgement at once.</summary>
    Ping = 32,
}
