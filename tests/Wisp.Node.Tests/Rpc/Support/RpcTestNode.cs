using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;

namespace Wisp.Node.Tests.Rpc.Support;

/// <summary>
/// A <see cref="StorageRpc"/> over a real <see cref="SqliteMessageStore"/> in a temporary directory, with a manual
/// clock. Requests go in as the JSON bytes a client would POST.
/// </summary>
internal sealed class RpcTestNode : IAsyncDisposable
{
    public const long Start = 1_750_000_000_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wisp-rpc-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteMessageStore _store;

    public RpcTestNode(Func<NodeIdentity, ISwarmDirectory>? swarms = null, IMessageStore? store = null)
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteMessageStore.Open(
            new MessageStoreOptions { DatabasePath = Path.Combine(_directory, "messages.db"), SynchronousFull = false },
            NullLogger<SqliteMessageStore>.Instance);
        Identity = new NodeIdentity(Ed25519KeyPair.Generate(), "127.0.0.1", 22021);
        Rpc = new StorageRpc(store ?? _store, Identity, Clock, (swarms ?? (i => new SingleNodeSwarmDirectory(i)))(Identity),
            NullLogger<StorageRpc>.Instance);
    }

    public ManualClock Clock { get; } = new(Start);

    public NodeIdentity Identity { get; }

    public StorageRpc Rpc { get; }

    public string NodeKeyHex => Identity.Keys.PublicKey.ToHex();

    public long Now => Clock.NowMs;

    /// <summary>Posts <c>{"method", "params"}</c> and returns the status and parsed body.</summary>
    public Task<RpcReply> CallAsync(string method, JsonObject parameters) =>
        PostAsync(new JsonObject { ["method"] = method, ["params"] = parameters.DeepClone() }.ToJsonString());

    public async Task<RpcReply> PostAsync(string body)
    {
        var response = await Rpc.HandleAsync(Encoding.UTF8.GetBytes(body), new Wisp.Node.Rpc.RpcCaller("127.0.0.1"), TestContext.Current.CancellationToken);
        return new RpcReply(response.Status, JsonDocument.Parse(response.Body).RootElement.Clone(), Encoding.UTF8.GetString(response.Body));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Identity.Keys.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp directory is harmless */ }
    }
}

/// <summary>A response: status, parsed body and raw text.</summary>
internal sealed record RpcReply(int Status, JsonElement Body, string Text)
{
    /// <summary>This node's entry in a recursive method's <c>swarm</c>.</summary>
    public JsonElement Mine(string nodeKeyHex) => Body.GetProperty("swarm").GetProperty(nodeKeyHex);

    /// <summary>The error message of a failure.</summary>
    public string Error => Body.GetProperty("error").GetString()!;
}
