using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Node.Tests.Swarm.Support;

/// <summary>
/// A "node" on loopback that completes TLS, reads whatever it is sent and never answers: a peer that hangs. Its
/// <see cref="Record"/> is a registry record pointing at it.
/// </summary>
public sealed class SilentPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly Ed25519KeyPair _keys = Ed25519KeyPair.Generate();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private SilentPeer(TcpListener listener, X509Certificate2 certificate)
    {
        _listener = listener;
        _certificate = certificate;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Record = new NodeRecord(_keys.PublicKey, _keys.X25519PublicKey, "127.0.0.1", port, "0.1.0", 1, null);
        _accepting = AcceptAsync();
    }

    public NodeRecord Record { get; }

    public static SilentPeer Start()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=silent peer", key, HashAlgorithmName.SHA256);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new SilentPeer(listener, certificate);
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(HoldAsync(tcp));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or InvalidOperationException)
        {
            // Stopped: the listener was closed, while waiting or between two accepts.
        }
        await Task.WhenAll(connections);
    }

    private async Task HoldAsync(TcpClient tcp)
    {
        using (tcp)
        await using (var tls = new SslStream(tcp.GetStream()))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                var buffer = new byte[16 * 1024];
                while (await tls.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or AuthenticationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
        _certificate.Dispose();
        _keys.Dispose();
    }
}

/// <summary>A system clock whose timers never fire: timeouts measured on it never pass.</summary>
public sealed class NeverFiringTime : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
