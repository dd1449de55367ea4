using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Rpc.Support;

/// <summary>
/// A real node (Kestrel, HTTPS on 127.0.0.1, SQLite in a temp directory) whose clock the test sets. Requests go in as
/// the JSON a client would POST to <c>/storage_rpc/v1</c>. A test may replace the swarm view or, to inject a fault,
/// the store the RPC uses.
/// </summary>
internal sealed class RpcTestNode : IAsyncDisposable
{
    public const long Start = 1_750_000_000_000;

    private readonly TestNode _node;

    private RpcTestNode(TestNode node, ManualClock clock)
    {
        _node = node;
        Clock = clock;
    }

    public static async Task<RpcTestNode> StartAsync(Func<NodeIdentity, ISwarmDirectory>? swarms = null, IMessageStore? store = null)
    {
        var clock = new ManualClock(Start);
        var node = await TestNode.StartAsync(configure: builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            if (swarms is not null)
                builder.Services.AddSingleton(provider => swarms(provider.GetRequiredService<NodeIdentity>()));
            if (store is not null)
                builder.Services.AddSingleton(store);
        });
        return new RpcTestNode(node, clock);
    }

    public ManualClock Clock { get; }

    public NodeIdentity Identity => _node.Host.Identity;

    public string NodeKeyHex => Identity.Keys.PublicKey.ToHex();

    public long Now => Clock.NowMs;

    /// <summary>Posts <c>{"method", "params"}</c> and returns the status, content type and body.</summary>
    public Task<NodeReply> CallAsync(string method, JsonObject parameters) =>
        PostAsync(new JsonObject { ["method"] = method, ["params"] = parameters.DeepClone() }.ToJsonString());

    public async Task<NodeReply> PostAsync(string body)
    {
        using var response = await _node.PostRawAsync(body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new NodeReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text);
    }

    /// <summary>Posts <paramref name="body"/> as it is (it need not be valid UTF-8) to <c>/storage_rpc/v1</c>.</summary>
    public async Task<NodeReply> PostBytesAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _node.Http.PostAsync("/storage_rpc/v1", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new NodeReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text);
    }

    /// <summary>
    /// Hands <paramref name="body"/> to the node's storage RPC as a request that swarm peer <paramref name="peer"/>
    /// forwarded (what <c>forward-batch</c> does after checking the peer), and returns its answer.
    /// </summary>
    public async Task<NodeReply> ForwardedAsync(string method, JsonObject parameters, Wisp.Crypto.Keys.Ed25519PublicKey peer)
    {
        var body = new JsonObject { ["method"] = method, ["params"] = parameters.DeepClone() }.ToJsonString();
        var rpc = _node.Host.Services.GetRequiredService<IStorageRpc>();
        var response = await rpc.HandleAsync(System.Text.Encoding.UTF8.GetBytes(body), new RpcCaller("127.0.0.1") { ForwardedBy = peer },
            TestContext.Current.CancellationToken);
        return new NodeReply(response.Status, response.ContentType, System.Text.Encoding.UTF8.GetString(response.Body.Span));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}

/// <summary>A response: status, content type and raw text; <see cref="Body"/> parses a JSON one.</summary>
internal sealed record NodeReply(int Status, string ContentType, string Text)
{
    /// <summary>The parsed JSON body (fails the test for a text body).</summary>
    public JsonElement Body
    {
        get
        {
            Assert.Equal("application/json", ContentType);
            return JsonDocument.Parse(Text).RootElement.Clone();
        }
    }

    /// <summary>This node's entry in a recursive method's <c>swarm</c>.</summary>
    public JsonElement Mine(string nodeKeyHex) => Body.GetProperty("swarm").GetProperty(nodeKeyHex);

    /// <summary>Asserts a Session text error: the status, text/plain and exactly <paramref name="text"/>.</summary>
    public void AssertText(int status, string text)
    {
        Assert.Equal((status, "text/plain", text), (Status, ContentType, Text));
    }
}
