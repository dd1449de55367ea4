using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Node.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.IntegrationTests.Onion;

/// <summary>Each relay failure a real node answers with reaches the client as its typed <see cref="OnionRelayError"/>.</summary>
public sealed class RelayErrorTests
{
    private static readonly byte[] Info = "{\"method\":\"info\",\"params\":{}}"u8.ToArray();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnknownNextNodeIs502NextNodeNotFound()
    {
        await using var network = await OnionNetwork.StartAsync(2);
        using var stranger = Ed25519KeyPair.Generate();
        var unknown = new ServiceNode(stranger.PublicKey, stranger.X25519PublicKey, new Uri("https://127.0.0.1:9"));

        var response = await SendAsync([network.ServiceNodeOf(0)], unknown);

        Assert.Equal((OnionResponseKind.RelayError, 502, OnionRelayError.NextNodeNotFound), (response.Kind, response.Status, response.RelayError));
    }

    [Fact]
    public async Task ALayerForAnotherKeyIs400InvalidCiphertext()
    {
        await using var network = await OnionNetwork.StartAsync(2);
        var guardWithWrongKey = network.ServiceNodeOf(0) with { X25519 = network.ServiceNodeOf(1).X25519 };

        var response = await SendAsync([guardWithWrongKey], network.ServiceNodeOf(1));

        Assert.Equal((400, OnionRelayError.InvalidCiphertext), (response.Status, response.RelayError));
    }

    [Fact]
    public async Task AHopNumberPastTheCapIs400TooManyHops()
    {
        await using var network = await OnionNetwork.StartAsync(2);
        using var built = OnionRequestBuilder.ForNode([network.ServiceNodeOf(0)], network.ServiceNodeOf(1), Info);
        var frame = OnionFrame.Parse(built.Body).Frame;
        var control = OnionLayerClassifier.ParseGuardRequest(frame.Json.Span).Value!;
        var body = OnionFrame.Build(frame.Ciphertext.Span, (control with { HopNumber = OnionLimits.MaxHops + 1 }).ToJson());

        var response = await PostAsync(network.ServiceNodeOf(0), body, built);

        Assert.Equal((400, OnionRelayError.TooManyHops), (response.Status, response.RelayError));
    }

    [Fact]
    public async Task BytesThatAreNoLayerAre400InvalidRequest()
    {
        await using var network = await OnionNetwork.StartAsync(2);
        using var built = OnionRequestBuilder.ForNode([network.ServiceNodeOf(0)], network.ServiceNodeOf(1), Info);

        var response = await PostAsync(network.ServiceNodeOf(0), "junk"u8.ToArray(), built);

        Assert.Equal((400, OnionRelayError.InvalidRequest), (response.Status, response.RelayError));
    }

    [Fact]
    public async Task ANextNodeThatNeverAnswersIs504TimedOut()
    {
        // Node 0 waits 1 s for its next node; the next node is a listener that accepts and never answers.
        await using var network = await OnionNetwork.StartAsync(1, (_, builder) =>
            builder.Services.AddSingleton(new OnionRelayOptions { NodeTimeout = _ => TimeSpan.FromSeconds(1) }));
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var mute = Ed25519KeyPair.Generate();
        network.Join(mute.PublicKey, ((IPEndPoint)silent.LocalEndpoint).Port);
        network.RefreshAll();
        var muteNode = new ServiceNode(mute.PublicKey, mute.X25519PublicKey, new Uri($"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));

        var response = await SendAsync([network.ServiceNodeOf(0)], muteNode);

        Assert.Equal((504, OnionRelayError.TimedOut), (response.Status, response.RelayError));
    }

    [Fact]
    public async Task ANodeThatDoesNotKnowTheNetworkYetIs503NotReady()
    {
        // Started, but not yet in a registry of any version: it knows no other node.
        await using var network = await OnionNetwork.StartAsync(2, (index, builder) =>
        {
            if (index == 0)
                builder.Services.AddSingleton<INextHopDirectory>(new StaticNextHopDirectory());
        });
        ((StaticNextHopDirectory)network.Nodes[0].Host.Services.GetRequiredService<INextHopDirectory>()).SetReady(false);

        var response = await SendAsync([network.ServiceNodeOf(0)], network.ServiceNodeOf(1));

        Assert.Equal((503, OnionRelayError.NotReady), (response.Status, response.RelayError));
    }

    [Fact]
    public async Task AWorkingPathIsAReplyNotARelayError()
    {
        await using var network = await OnionNetwork.StartAsync(4);

        var response = await SendAsync([network.ServiceNodeOf(0), network.ServiceNodeOf(1), network.ServiceNodeOf(2)], network.ServiceNodeOf(3));

        Assert.Equal((OnionResponseKind.Reply, 200), (response.Kind, response.Status));
        Assert.Contains("\"version\"", System.Text.Encoding.UTF8.GetString(response.Body));
    }

    private static async Task<OnionResponse> SendAsync(ServiceNode[] path, ServiceNode destination)
    {
        using var request = OnionRequestBuilder.ForNode(path, destination, Info);
        return await PostAsync(path[0], request.Body, request);
    }

    private static async Task<OnionResponse> PostAsync(ServiceNode guard, byte[] body, OnionRequest request)
    {
        using var http = NodeHttp.CreateClient();
        using var content = new ByteArrayContent(body);
        using var answer = await http.PostAsync(new Uri(guard.BaseUrl, OnionTransport.Route), content, Token);
        return OnionResponseReader.Read((int)answer.StatusCode, await answer.Content.ReadAsByteArrayAsync(Token), request);
    }
}
