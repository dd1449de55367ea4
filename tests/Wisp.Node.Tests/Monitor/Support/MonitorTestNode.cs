using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Monitor;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Monitor;
using Wisp.Testing;

namespace Wisp.Node.Tests.Monitor.Support;

/// <summary>A real node on loopback whose clock the test sets, with the monitor's bounds a test may shrink.</summary>
internal sealed class MonitorTestNode : IAsyncDisposable
{
    private MonitorTestNode(TestNode node, ManualClock clock)
    {
        Node = node;
        Clock = clock;
    }

    public static async Task<MonitorTestNode> StartAsync(MonitorBounds? bounds = null)
    {
        var clock = new ManualClock(RpcTestNode.Start);
        var node = await TestNode.StartAsync(configure: builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            if (bounds is not null) builder.Services.AddSingleton(bounds);
        });
        return new MonitorTestNode(node, clock);
    }

    public TestNode Node { get; }

    public ManualClock Clock { get; }

    public long NowSeconds => Clock.NowMs / 1000;

    public MonitorHub Hub => Node.Host.Services.GetRequiredService<MonitorHub>();

    public Task<MonitorSubscriber> SubscriberAsync(int? receiveBufferBytes = null) => MonitorSubscriber.ConnectAsync(Node, receiveBufferBytes);

    /// <summary>A signed subscription of <paramref name="account"/> at the node's time.</summary>
    public MonitorSubscribeRequest Subscription(Ed25519KeyPair account, bool wantData = false, params int[] namespaces) =>
        MonitorSubscribeRequest.Sign(account, namespaces.Length == 0 ? [0] : namespaces, wantData, NowSeconds);

    /// <summary>Stores <paramref name="data"/> for <paramref name="account"/> through the storage RPC; returns the hash.</summary>
    public async Task<string> StoreAsync(Ed25519KeyPair account, byte[] data, int ns = 0)
    {
        var parameters = SignedRequests.Store(account, ns, data, Clock.NowMs, 3_600_000, signed: true);
        using var response = await Node.PostRpcAsync("store", parameters.ToJsonString());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["hash"]!.GetValue<string>();
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
