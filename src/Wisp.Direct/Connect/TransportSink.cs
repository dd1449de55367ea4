using System.Net;
using Wisp.Dht.Transport;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Connect;

/// <summary>
/// Lets the stream layer send through the endpoint's shared socket (fire-and-forget, as it expects), or through the
/// socket a birthday punch opened towards that one peer, when <paramref name="routes"/> names one.
/// </summary>
internal sealed class TransportSink(IDatagramTransport transport, Func<IPEndPoint, IDatagramTransport?>? routes = null) : IPacketSink
{
    public void Send(IPEndPoint to, byte[] datagram) => _ = SendAsync(routes?.Invoke(to) ?? transport, to, datagram);

    private static async Task SendAsync(IDatagramTransport via, IPEndPoint to, byte[] datagram)
    {
        try
        {
            await via.SendAsync(datagram, to);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream layer retransmits; a failed send is a lost packet.
        }
    }
}
