using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Wisp.Testing;

/// <summary>
/// A bare TLS connection to a test node, for requests HttpClient will not send: a body shorter than its
/// Content-Length, headers that promise a body never sent.
/// </summary>
public sealed class RawHttps : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private RawHttps(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public static async Task<RawHttps> ConnectAsync(TestNode node)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, node.Port, TestContext.Current.CancellationToken);
        var tls = new SslStream(tcp.GetStream());
        var pinned = node.Host.Certificate.RawData;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned),
        }, TestContext.Current.CancellationToken);
        return new RawHttps(tcp, tls);
    }

    /// <summary>Sends ASCII text as is.</summary>
    public async Task SendAsync(string text)
    {
        await _tls.WriteAsync(Encoding.ASCII.GetBytes(text), TestContext.Current.CancellationToken);
        await _tls.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The Content-Type of the last response read (null when it had none).</summary>
    public string? LastContentType { get; private set; }

    /// <summary>Reads one response: its status code and body (by Content-Length).</summary>
    public async Task<(int Status, string Body)> ReadResponseAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var read = await _tls.ReadAsync(buffer, timeout.Token);
            if (read == 0) throw new IOException("The node closed the connection without a response.");
            received.AddRange(buffer.AsSpan(0, read));
        }
        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
        var status = int.Parse(head.Split(' ')[1]);
        var lengthLine = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine.Split(':')[1].Trim());
        LastContentType = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim();
        while (received.Count < headerEnd + 4 + length)
        {
            var read = await _tls.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            received.AddRange(buffer.AsSpan(0, read));
        }
        return (status, Encoding.UTF8.GetString(received.ToArray(), headerEnd + 4, Math.Min(length, received.Count - headerEnd - 4)));
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
