using System.Net.Sockets;
using System.Text;

namespace Wisp.Web.Tests.Support;

/// <summary>
/// A request written by hand on a socket: for what HttpClient will not send (a Content-Length far larger than the
/// body that follows) and to read the answer the server gives before any body arrives.
/// </summary>
public static class RawHttp
{
    /// <summary>Writes the request line and headers (no body) and returns the status code of the answer.</summary>
    public static async Task<(int Status, string Text)> HeadersOnlyAsync(int port, string method, string path, IEnumerable<string> headers)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = socket.GetStream();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        foreach (var header in headers)
            head.Append(header).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        var text = received.ToString();
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }
}
