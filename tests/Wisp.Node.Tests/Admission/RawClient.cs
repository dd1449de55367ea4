using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Wisp.Testing;

namespace Wisp.Node.Tests.Admission;

/// <summary>
/// A TLS connection to a test node from a chosen loopback address. As a non-reader (<see cref="NonReadingAsync"/>)
/// it sends one request and never reads the answer, with a tiny receive buffer so the answer backs up at the node
/// instead of in this process's socket: what a hostile slow reader does.
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SslStream _tls;

    private RawClient(Socket socket, SslStream tls)
    {
        _socket = socket;
        _tls = tls;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Connects from <paramref name="from"/>, POSTs <paramref name="body"/> and never reads.</summary>
    public static async Task<RawClient> NonReadingAsync(TestNode node, IPAddress from, string body)
    {
        var client = await ConnectAsync(node, from, receiveBufferBytes: 1024);
        await client.SendAsync(body);
        return client;
    }

    /// <summary>Connects from <paramref name="from"/> (a 127.x.y.z address).</summary>
    public static async Task<RawClient> ConnectAsync(TestNode node, IPAddress from, int? receiveBufferBytes = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferBytes is { } size) socket.ReceiveBufferSize = size;
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, node.Port, Token);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var pinned = node.Host.Certificate.RawData;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned),
        }, Token);
        return new RawClient(socket, tls);
    }

    /// <summary>POSTs <paramref name="body"/> to the storage RPC.</summary>
    public async Task SendAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(
            $"POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n");
        await _tls.WriteAsync(head, Token);
        await _tls.WriteAsync(bytes, Token);
        await _tls.FlushAsync(Token);
    }

    /// <summary>POSTs <paramref name="body"/> and reads the answer's status and text (by Content-Length).</summary>
    public async Task<(int Status, string Body)> PostAsync(string body)
    {
        await SendAsync(body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..end].Split("\r\n");
                var lengthLine = head.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine.Split(':')[1].Trim());
                if (received.Count >= end + 4 + length)
                    return (int.Parse(head[0].Split(' ')[1]), Encoding.UTF8.GetString(received.ToArray(), end + 4, length));
            }
            var read = await _tls.ReadAsync(buffer, timeout.Token);
            if (read == 0) throw new IOException("The node closed the connection before its answer was complete.");
            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _socket.Dispose();
    }
}
