using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wisp.Node.Hosting;

namespace Wisp.Bench.Storage;

/// <summary>
/// A running <see cref="NoopServer"/> child with an HTTPS client pinned to its certificate: the one way the
/// <c>storage</c> and <c>node</c> suites start the machine's no-op Kestrel limit.
/// </summary>
internal sealed class NoopServerProcess : IAsyncDisposable
{
    private readonly HelperProcess _server;
    private readonly X509Certificate2 _certificate;

    private NoopServerProcess(HelperProcess server, X509Certificate2 certificate, HttpClient client, Uri target)
    {
        _server = server;
        _certificate = certificate;
        Client = client;
        Target = target;
    }

    /// <summary>The server process's id, for CPU readings.</summary>
    public int Id => _server.Id;

    public HttpClient Client { get; }

    /// <summary>The no-op route's full address.</summary>
    public Uri Target { get; }

    public static async Task<NoopServerProcess> StartAsync(int connections)
    {
        var (fileName, leading) = HelperProcess.Self();
        var server = HelperProcess.Start(fileName, [.. leading, NoopServer.ChildArgument]);
        try
        {
            var announcement = JsonSerializer.Deserialize<ChildAnnouncement>(await server.ReadFirstLineAsync(TimeSpan.FromSeconds(30)))
                ?? throw new InvalidOperationException("The no-op server announced nothing.");
            server.DrainStandardOutput();
            var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(announcement.Certificate));
            var client = LoadGenerator.CreateClient(CertificatePin.CreateHandler(certificate), connections);
            return new NoopServerProcess(server, certificate, client, new Uri($"{announcement.Url}{NoopServer.Route}"));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _certificate.Dispose();
        await _server.DisposeAsync();
    }
}
