using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// One HTTP/1.1 exchange over a bare TLS connection, for requests HttpClient will not send (a Content-Length with
/// no body behind it, a Content-Length that is not a number). Each request should say <c>Connection: close</c>. The
/// answer must come within 20 seconds.
/// </summary>
internal static class RawTls
{
    public static async Task<Answer> ExchangeAsync(Uri node, string head)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(node.Host, node.Port, timeout.Token);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            }, timeout.Token);
            await tls.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
            await tls.FlushAsync(timeout.Token);
            return await ReadAsync(tls, timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail("The node did not answer within 20 seconds.");
            throw;
        }
    }

    private static async Task<Answer> ReadAsync(SslStream tls, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await tls.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                throw new IOException("The node closed the connection without an answer.");
            received.AddRange(buffer.AsSpan(0, read));
        }
        var lines = Encoding.ASCII.GetString([.. received], 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();

        var length = Header("Content-Length") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var chunked = Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        // Without a Content-Length the body ends where the node closes the connection (every request says Connection: close).
        while (length is not { } n || received.Count < headEnd + 4 + n)
        {
            var read = await tls.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                break;
            received.AddRange(buffer.AsSpan(0, read));
        }
        var body = received.Skip(headEnd + 4).ToArray();
        if (length is { } l)
            body = body[..Math.Min(l, body.Length)];
        else if (chunked)
            body = Dechunk(body);
        var mediaType = Header("Content-Type")?.Split(';')[0].Trim();
        return new Answer(status, mediaType, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new List<byte>();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = IndexOf([.. body.Skip(position)], "\r\n"u8);
            if (lineEnd < 0)
                break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], 16);
            if (size == 0)
                break;
            output.AddRange(body.AsSpan(position + lineEnd + 2, size));
            position += lineEnd + 2 + size + 2;
        }
        return [.. output];
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).IndexOf(pattern);
}
