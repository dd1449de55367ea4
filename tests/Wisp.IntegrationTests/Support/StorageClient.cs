using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Support;

/// <summary>
/// A small test-side storage client: unsigned stores into namespace 0 (as a sender does) and signed retrieves (as
/// the owner does), over HTTPS straight to one node. Trusts exactly the certificates in the network's folder.
/// </summary>
public sealed class StorageClient : IDisposable
{
    private readonly HttpClient _http;

    public StorageClient(string networkFolder)
    {
        var trusted = new CertificateSet(networkFolder);
        _http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && trusted.Contains(certificate),
            },
            MaxConnectionsPerServer = 16,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>What a store came back with: the HTTP status, the message hash, and the signed results by node key.</summary>
    public sealed record StoreAnswer(int Status, string? Hash, IReadOnlyDictionary<string, JsonElement> SwarmResults, string Body);

    /// <summary>Stores <paramref name="data"/> for <paramref name="account"/> at the node <paramref name="url"/>; a refused connection is status 0.</summary>
    public async Task<StoreAnswer> StoreAsync(string url, Ed25519KeyPair account, byte[] data, CancellationToken cancellationToken)
    {
        var parameters = SignedRequests.Store(account, 0, data, Messages.NowMs(), 3_600_000, signed: false);
        var (status, body) = await PostAsync(url, "store", parameters, cancellationToken);
        if (status != 200)
            return new StoreAnswer(status, null, new Dictionary<string, JsonElement>(), body);
        using var document = JsonDocument.Parse(body);
        var results = new Dictionary<string, JsonElement>();
        if (document.RootElement.TryGetProperty("swarm", out var swarm) && swarm.ValueKind == JsonValueKind.Object)
        {
            foreach (var node in swarm.EnumerateObject())
                results[node.Name] = node.Value.Clone();
        }
        return new StoreAnswer(status, document.RootElement.GetProperty("hash").GetString(), results, body);
    }

    /// <summary>Every hash <paramref name="account"/> has in namespace 0 at the node <paramref name="url"/>, or null if the node did not answer 200.</summary>
    public async Task<HashSet<string>?> RetrieveHashesAsync(string url, Ed25519KeyPair account, CancellationToken cancellationToken)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        string? lastHash = null;
        for (var page = 0; page < 1000; page++)
        {
            var (status, body) = await PostAsync(url, "retrieve", SignedRequests.Retrieve(account, 0, Messages.NowMs(), lastHash), cancellationToken);
            if (status != 200)
                return null;
            using var document = JsonDocument.Parse(body);
            foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
            {
                lastHash = message.GetProperty("hash").GetString();
                hashes.Add(lastHash!);
            }
            if (!(document.RootElement.TryGetProperty("more", out var more) && more.ValueKind == JsonValueKind.True))
                return hashes;
        }
        return hashes;
    }

    /// <summary>True when the node answers <c>info</c> with 200.</summary>
    public async Task<bool> IsHealthyAsync(string url, CancellationToken cancellationToken) =>
        (await PostAsync(url, "info", new JsonObject(), cancellationToken)).Status == 200;

    private async Task<(int Status, string Body)> PostAsync(string url, string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString();
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync($"{url}/storage_rpc/v1", content, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The nodes' certificates (<c>nodes/*/tls.pfx</c>), re-read when an unknown one shows up (a node added later).</summary>
    private sealed class CertificateSet(string networkFolder)
    {
        private readonly Lock _gate = new();
        private HashSet<string> _thumbprints = [];

        public bool Contains(X509Certificate certificate)
        {
            var thumbprint = certificate.GetCertHashString();
            lock (_gate)
            {
                if (_thumbprints.Contains(thumbprint))
                    return true;
                _thumbprints = Load();
                return _thumbprints.Contains(thumbprint);
            }
        }

        private HashSet<string> Load()
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in Directory.EnumerateFiles(Path.Combine(networkFolder, "nodes"), "tls.pfx", SearchOption.AllDirectories))
            {
                using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
                set.Add(certificate.GetCertHashString());
            }
            return set;
        }
    }
}
