using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wisp.Node.Hosting;

namespace Wisp.Bench.Storage;

/// <summary>
/// The node under load, with the per-IP rate limit lifted: preferably its own process, <c>wisp node run</c> from this
/// bench's output folder (so its memory is its own); inside the bench process when that is asked for or the CLI
/// cannot run a node, which <see cref="How"/> then says.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly HelperProcess? _process;
    private readonly WispNodeHost? _host;

    private BenchNode(string url, X509Certificate2 certificate, string how, HelperProcess? process, WispNodeHost? host)
    {
        Url = url;
        Certificate = certificate;
        How = how;
        _process = process;
        _host = host;
    }

    public string Url { get; }
    public Uri RpcUri => new($"{Url}/storage_rpc/v1");
    public X509Certificate2 Certificate { get; }

    /// <summary>How the node runs, for the report.</summary>
    public string How { get; }

    /// <summary>The node's process id, or null when it shares the bench process.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The node process's resident memory, or null when it shares the bench process.</summary>
    public long? ResidentBytes => _process?.ResidentBytes;

    /// <summary>The node process's peak resident memory, or null when it shares the bench process.</summary>
    public long? PeakResidentBytes => _process?.PeakResidentBytes;

    public static async Task<BenchNode> StartAsync(string dataDirectory, StorageOptions options, CancellationToken cancellationToken)
    {
        if (options.InProcess)
            return await StartInProcessAsync(dataDirectory, options, "in the bench process (--in-process)", cancellationToken);
        try
        {
            return await StartProcessAsync(dataDirectory, options);
        }
        catch (InvalidOperationException exception)
        {
            Console.WriteLine($"  ! `wisp node run` could not be used: {exception.Message}");
            Console.WriteLine("  ! Falling back to a node inside the bench process (node RSS cannot be told apart from the bench's).");
            return await StartInProcessAsync(dataDirectory, options, "in the bench process (wisp node run failed)", cancellationToken);
        }
    }

    private static async Task<BenchNode> StartProcessAsync(string dataDirectory, StorageOptions options)
    {
        var (fileName, leading) = WispBinary.Resolve();
        string[] arguments =
        [
            .. leading, "node", "run", "--data", dataDirectory, "--host", "127.0.0.1", "--port", "0",
            "--rate-limit", "0", "--sync", options.Sync, "--log-level", "Warning", "--json",
        ];
        var process = HelperProcess.Start(fileName, arguments);
        try
        {
            var line = await process.ReadFirstLineAsync(TimeSpan.FromSeconds(60));
            var url = ReadUrl(line) ?? throw new InvalidOperationException(
                $"`wisp node run --json` printed '{line}', not its identity with a url. {await process.DescribeFailureAsync()}");
            process.DrainStandardOutput();
            if (!NodeCertificate.TryLoad(dataDirectory, out var certificate, out var problem))
                throw new InvalidOperationException(problem);
            return new BenchNode(url, certificate, $"own process: wisp node run --rate-limit 0 --sync {options.Sync} (pid {process.Id})", process, null);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static string? ReadUrl(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("url", out var url)
                ? url.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<BenchNode> StartInProcessAsync(string dataDirectory, StorageOptions options, string why, CancellationToken cancellationToken)
    {
        var host = await WispNodeHost.StartAsync(new NodeOptions
        {
            DataDirectory = dataDirectory,
            Host = "127.0.0.1",
            Port = 0,
            RateLimitPerSecond = 0,
            SynchronousFull = options.Sync == "full",
            LogLevel = LogLevel.Warning,
        }, cancellationToken);
        return new BenchNode(host.Url, host.Certificate, $"{why}, rate limit 0, sync {options.Sync}", null, host);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            Certificate.Dispose();
        }
        if (_host is not null) await _host.DisposeAsync();
    }
}
