using System.Net;
using Wisp.Dht.Transport;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Connect;

/// <summary>Lets the stream layer send through the endpoint's shared socket (fire-and-forget, as it expects).</summary>
internal sealed class TransportSink(IDatagramTransport transport) : IPacketSink
{
    public void Send(IPEndPoint to, byte[] datagram) => _ = SendAsync(to, datagram);

    private async Task SendAsync(IPEndPoint to, byte[] datagram)
    {
        try
        {
            await transport.SendAsync(datagram, to);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream layer retransmits; a failed send is a lost packet.
        }
    }
}
