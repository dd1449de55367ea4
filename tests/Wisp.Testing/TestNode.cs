using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Node.Hosting;
using Wisp.Node.Storage;

namespace Wisp.Testing;

/// <summary>
/// A real node in this process: Kestrel over HTTPS on 127.0.0.1 (or another address), port 0, a temp data directory,
/// and an <see cref="HttpClient"/> that trusts exactly this node's certificate. The rate limit is lifted unless a test
/// sets one.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private TestNode(WispNodeHost host, TempDirectory? ownedDirectory)
    {
        Host = host;
        _ownedDirectory = ownedDirectory;
        Http = new HttpClient(CertificatePin.CreateHandler(host.Certificate)) { BaseAddress = new Uri(host.Url) };
    }

    /// <summary>The running node.</summary>
    public WispNodeHost Host { get; }

    /// <summary>A client for the node's HTTPS endpoints, pinned to its certificate, with the node's URL as base address.</summary>
    public HttpClient Http { get; }

    public string DataDirectory => Host.Options.DataDirectory;
    public int Port => Host.Port;
    public string Url => Host.Url;

    /// <summary>The node's own message store (the same instance the RPC uses).</summary>
    public IMessageStore Store => Host.Services.GetRequiredService<IMessageStore>();

    /// <summary>
    /// Starts a node. <paramref name="options"/> may change the defaults (data directory, host, limits);
    /// <paramref name="configure"/> may replace services (the clock) before the node is built.
    /// </summary>
    public static async Task<TestNode> StartAsync(
        Func<NodeOptions, NodeOptions>? options = null, Action<WebApplicationBuilder>? configure = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        try
        {
            return new TestNode(await StartHostAsync(dataDirectory ?? owned!.Path, options, configure), owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>The options tests start from: loopback, port 0, rate limit lifted, quiet logs.</summary>
    public static NodeOptions DefaultOptions(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        Host = "127.0.0.1",
        Port = 0,
        RateLimitPerSecond = 0,
        LogLevel = LogLevel.Warning,
    };

    private static Task<WispNodeHost> StartHostAsync(
        string dataDirectory, Func<NodeOptions, NodeOptions>? options, Action<WebApplicationBuilder>? configure)
    {
        var defaults = DefaultOptions(dataDirectory);
        return WispNodeHost.StartAsync(options?.Invoke(defaults) ?? defaults, TestContext.Current.CancellationToken, configure);
    }

    /// <summary>POSTs <c>{"method": method, "params": params}</c> to <c>/storage_rpc/v1</c>.</summary>
    public Task<HttpResponseMessage> PostRpcAsync(string method, string paramsJson, CancellationToken cancellationToken = default) =>
        PostRawAsync($"{{\"method\":\"{method}\",\"params\":{paramsJson}}}", cancellationToken);

    /// <summary>POSTs a raw body to <c>/storage_rpc/v1</c>.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string body, CancellationToken cancellationToken = default) =>
        Http.PostAsync("/storage_rpc/v1", new StringContent(body, Encoding.UTF8, "application/json"),
            cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken);

    /// <summary>Stops this node and starts a new one on the same data directory (same identity and database).</summary>
    public async Task<TestNode> RestartAsync(Func<NodeOptions, NodeOptions>? options = null)
    {
        var directory = DataDirectory;
        Http.Dispose();
        await Host.DisposeAsync();
        return new TestNode(await StartHostAsync(directory, options, configure: null), _ownedDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
