using System.Net;

namespace Wisp.Direct.Streams;

/// <summary>Where the stream and relay layers send datagrams: in production the endpoint's one shared UDP socket.</summary>
public interface IPacketSink
{
    /// <summary>Sends one datagram, fire-and-forget; the array is never touched again by the caller.</summary>
    void Send(IPEndPoint to, byte[] datagram);
}
