using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wisp.Bench.Storage;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Bench.Network;

/// <summary>
/// A local network for the replication bench: <c>wisp up --nodes N --json</c> from this bench's output folder, its
/// registry (to send each store to its account's swarm), and an HTTP client trusting exactly the nodes' certificates.
/// Stopped with SIGTERM, which makes <c>wisp up</c> stop every node.
/// </summary>
internal sealed class LocalNetworkUnderLoad : IAsyncDisposable
{
    private readonly HelperProcess _up;

    private LocalNetworkUnderLoad(HelperProcess up, string folder, RegistrySnapshot registry, HttpClient http, int upPid)
    {
        _up = up;
        Folder = folder;
        Registry = registry;
        Http = http;
        UpPid = upPid;
    }

    public string Folder { get; }
    public RegistrySnapshot Registry { get; }
    public HttpClient Http { get; }
    public int UpPid { get; }

    /// <summary>The HTTPS URL of the node with key <paramref name="node"/>.</summary>
    public string UrlOf(Ed25519PublicKey node)
    {
        var record = Registry.FindNode(node) ?? throw new InvalidOperationException($"Node {node} is not in the registry.");
        return $"https://{record.Endpoint}";
    }

    public static async Task<LocalNetworkUnderLoad> StartAsync(string folder, int nodes, int connections)
    {
        var (fileName, leading) = WispBinary.Resolve();
        var up = HelperProcess.Start(fileName, [.. leading, "up", "--nodes", nodes.ToString(), "--network", folder, "--json", "--log-level", "Warning"]);
        try
        {
            var line = await up.ReadFirstLineAsync(TimeSpan.FromSeconds(240));
            using var view = JsonDocument.Parse(line);
            var upPid = view.RootElement.GetProperty("up_pid").GetInt32();
            up.DrainStandardOutput();
            if (!LocalNetwork.TryLoad(folder, out var network, out var problem))
                throw new InvalidOperationException(problem);
            var registry = RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow();
            return new LocalNetworkUnderLoad(up, folder, registry, CreateClient(network, connections), upPid);
        }
        catch
        {
            await up.DisposeAsync();
            throw;
        }
    }

    private static HttpClient CreateClient(LocalNetwork network, int connections)
    {
        var trusted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in network.ActiveNodes)
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(network.DataDirectoryOf(node), "tls.pfx"), password: null);
            trusted.Add(certificate.GetCertHashString());
        }
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && trusted.Contains(certificate.GetCertHashString()),
            },
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _up.DisposeAsync();
    }
}
