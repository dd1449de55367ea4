using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Testing;

namespace Wisp.Node.Tests.Onion.Support;

/// <summary>
/// Real nodes on 127.0.0.1 over HTTPS that know each other through one shared <see cref="StaticNextHopDirectory"/>
/// (each pinned to its certificate), each with a recording observer and a log capture at Debug, and a client that
/// connects from <see cref="ClientAddress"/> so that who saw the client's address can be told apart on loopback.
/// </summary>
internal sealed class OnionNetwork : IAsyncDisposable
{
    /// <summary>The address the test client's connections come from (every node's own outgoing calls come from 127.0.0.1).</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.9");

    private readonly List<byte[]> _certificates;

    private OnionNetwork(IReadOnlyList<TestNode> nodes, StaticNextHopDirectory directory, IReadOnlyList<RecordingObserver> observers,
        IReadOnlyList<CapturingLoggerProvider> logs)
    {
        Nodes = nodes;
        Directory = directory;
        Observers = observers;
        Logs = logs;
        _certificates = nodes.Select(node => node.Host.Certificate.GetCertHash(HashAlgorithmName.SHA256)).ToList();
        Client = ClientFrom(ClientAddress);
    }

    /// <summary>A client of the network whose connections come from <paramref name="address"/> (a 127.x.y.z address).</summary>
    public HttpClient ClientFrom(IPAddress address)
    {
        var certificates = _certificates;
        return new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = (context, token) => ConnectFromAsync(address, context, token),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                    && certificates.Any(pin => certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pin)),
            },
        })
        { Timeout = TimeSpan.FromSeconds(90) };
    }

    public IReadOnlyList<TestNode> Nodes { get; }
    public StaticNextHopDirectory Directory { get; }
    public IReadOnlyList<RecordingObserver> Observers { get; }
    public IReadOnlyList<CapturingLoggerProvider> Logs { get; }

    /// <summary>The client: talks to any node of the network, from <see cref="ClientAddress"/>.</summary>
    public HttpClient Client { get; }

    public static async Task<OnionNetwork> StartAsync(
        int count = 4, OnionRelayOptions? relayOptions = null, ServerProxyOptions? serverOptions = null,
        Func<Wisp.Node.Hosting.NodeOptions, Wisp.Node.Hosting.NodeOptions>? options = null)
    {
        var directory = new StaticNextHopDirectory();
        var observers = new List<RecordingObserver>();
        var logs = new List<CapturingLoggerProvider>();
        var nodes = new List<TestNode>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var observer = new RecordingObserver();
                var log = new CapturingLoggerProvider();
                nodes.Add(await TestNode.StartAsync(
                    defaults => (options?.Invoke(defaults) ?? defaults) with { LogLevel = LogLevel.Debug },
                    builder =>
                    {
                        builder.Logging.ClearProviders();
                        builder.Logging.AddProvider(log);
                        builder.Services.AddSingleton<INextHopDirectory>(directory);
                        builder.Services.AddSingleton<IOnionObserver>(observer);
                        if (relayOptions is not null) builder.Services.AddSingleton(relayOptions);
                        if (serverOptions is not null) builder.Services.AddSingleton(serverOptions);
                    }));
                observers.Add(observer);
                logs.Add(log);
            }
        }
        catch
        {
            foreach (var node in nodes) await node.DisposeAsync();
            throw;
        }
        foreach (var node in nodes) directory.Add(NextHopOf(node));
        return new OnionNetwork(nodes, directory, observers, logs);
    }

    /// <summary>How the directory names <paramref name="node"/>: its keys, URL and certificate hash.</summary>
    public static NextHop NextHopOf(TestNode node) => new(
        node.Host.Identity.Keys.PublicKey, node.Host.Identity.Keys.X25519PublicKey, new Uri(node.Url),
        node.Host.Certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Node <paramref name="index"/> as a client names it in a path.</summary>
    public OnionTarget Target(int index) => OnionTarget.Of(Nodes[index].Host.Identity.Keys);

    /// <summary>The path guard → … through the nodes at <paramref name="indexes"/>.</summary>
    public IReadOnlyList<OnionTarget> Path(params int[] indexes) => [.. indexes.Select(Target)];

    /// <summary>POSTs an onion request body to node <paramref name="guard"/>'s <c>/onion_req/v2</c>.</summary>
    public Task<HttpResponseMessage> PostAsync(int guard, byte[] body) =>
        Client.PostAsync(new Uri(new Uri(Nodes[guard].Url), NodeToNodeClient.Route), new ByteArrayContent(body),
            TestContext.Current.CancellationToken);

    /// <summary>POSTs and reads the status and body text.</summary>
    public async Task<(int Status, string Body)> SendAsync(int guard, byte[] body)
    {
        using var response = await PostAsync(guard, body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void ClearObservations()
    {
        foreach (var observer in Observers) observer.Clear();
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress address, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}

/// <summary>A four-node network shared by the tests of one class.</summary>
public sealed class OnionNetworkFixture : IAsyncLifetime
{
    internal OnionNetwork Network { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Network = await OnionNetwork.StartAsync(4, new OnionRelayOptions
    {
        ServerTimeout = TimeSpan.FromSeconds(10),
        NodeTimeout = _ => TimeSpan.FromSeconds(10),
    });

    public async ValueTask DisposeAsync() => await Network.DisposeAsync();
}
