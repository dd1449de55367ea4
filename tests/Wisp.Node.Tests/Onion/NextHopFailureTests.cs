using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// A next node that is down, silent, impersonated or unknown to a node that is not ready: each ends in its status
/// without hanging. Two nodes with short waits, so a timeout is seen in seconds.
/// </summary>
public sealed class NextHopFailureTests : IAsyncLifetime
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
    private OnionNetwork _network = null!;

    public async ValueTask InitializeAsync() => _network = await OnionNetwork.StartAsync(2, new OnionRelayOptions
    {
        ServerTimeout = TimeSpan.FromSeconds(1),
        NodeTimeout = _ => TimeSpan.FromSeconds(1),
    });

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_next_node_that_is_down_is_504_request_time_out_as_in_Session()
    {
        var down = OnionTarget.Random();
        _network.Directory.Add(new NextHop(down.Ed25519, down.X25519, new Uri($"https://127.0.0.1:{ClosedPort()}")));
        using var request = OnionRequestBuilder.Build([_network.Target(0), down], OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);

        var (status, text) = await _network.SendAsync(0, request.Body);

        // Session's relay knows one failure of a known next node: its request timing out.
        Assert.Equal(504, status);
        Assert.Equal("Request time out", text);
    }

    [Fact]
    public async Task A_next_node_that_never_answers_is_504()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(silent, accepted);
        var target = OnionTarget.Random();
        _network.Directory.Add(new NextHop(target.Ed25519, target.X25519, new Uri($"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}")));
        using var request = OnionRequestBuilder.Build([_network.Target(0), target], OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);

        var (status, text) = await _network.SendAsync(0, request.Body);

        Assert.Equal(504, status);
        Assert.Equal(OnionErrors.TimedOut, text);
        silent.Stop();
        foreach (var client in accepted) client.Dispose();
        await accepting;
    }

    [Fact]
    public async Task A_next_node_whose_certificate_does_not_match_its_pin_is_504()
    {
        var real = OnionNetwork.NextHopOf(_network.Nodes[1]);
        _network.Directory.Add(real with { CertificateSha256 = RandomNumberGenerator.GetBytes(32) });
        try
        {
            using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.AesGcm]);

            var (status, text) = await _network.SendAsync(0, request.Body);

            Assert.Equal(504, status);
            Assert.Equal(OnionErrors.TimedOut, text);
            Assert.Empty(_network.Observers[1].Seen);
        }
        finally
        {
            _network.Directory.Add(real);
        }
    }

    [Fact]
    public async Task Without_a_pin_any_certificate_is_accepted_for_the_next_node()
    {
        _network.Directory.Add(OnionNetwork.NextHopOf(_network.Nodes[1]) with { CertificateSha256 = null });
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.AesGcm]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        Assert.NotEmpty(OnionRequestBuilder.OpenBase64(request.LastKey, body));
    }

    [Fact]
    public async Task A_node_that_is_not_ready_is_503_naming_itself_as_Session_does()
    {
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);
        _network.Directory.SetReady(false);
        try
        {
            var (status, text) = await _network.SendAsync(0, request.Body);

            Assert.Equal(503, status);
            Assert.Equal($"Snode not ready: {_network.Target(0).Ed25519.ToHex()}", text);
            Assert.Empty(_network.Observers[0].Seen);
        }
        finally
        {
            _network.Directory.SetReady(true);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> accepted)
    {
        try
        {
            while (true) accepted.Add(await listener.AcceptTcpClientAsync());
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped by the test.
        }
    }
}
