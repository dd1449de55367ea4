using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class SwarmAndInfoTests
{
    private const string Pk = "05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";

    [Theory]
    [InlineData("get_swarm")]
    [InlineData("get_snodes_for_pubkey")]
    public async Task Get_swarm_lists_this_node_in_swarm_zero(string method)
    {
        await using var node = await RpcTestNode.StartAsync();
        var reply = await node.CallAsync(method, new JsonObject { ["pubkey"] = Pk });

        Assert.Equal(200, reply.Status);
        Assert.Equal("0", reply.Body.GetProperty("swarm").GetString());
        var snode = Assert.Single(reply.Body.GetProperty("snodes").EnumerateArray());
        Assert.Equal(node.NodeKeyHex, snode.GetProperty("pubkey_ed25519").GetString());
        Assert.Equal(node.Identity.Keys.X25519PublicKey.ToHex(), snode.GetProperty("pubkey_x25519").GetString());
        Assert.Equal("127.0.0.1", snode.GetProperty("ip").GetString());
        Assert.Equal(node.Identity.Port, snode.GetProperty("port_https").GetInt32());
        Assert.Equal(node.Identity.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), snode.GetProperty("port").GetString());
        Assert.NotEqual(0, node.Identity.Port);
        Assert.Equal(0, snode.GetProperty("port_omq").GetInt32());
    }

    [Fact]
    public async Task Info_reports_sessions_version_fork_and_time()
    {
        await using var node = await RpcTestNode.StartAsync();
        var reply = await node.CallAsync("info", []);
        Assert.Equal(200, reply.Status);
        Assert.Equal($$"""{"hf":[19,4],"t":{{node.Now}},"timestamp":{{node.Now}},"version":[2,8,0]}""", reply.Text);
    }

    [Fact]
    public async Task An_address_another_swarm_serves_is_421_with_that_swarm()
    {
        await using var node = await RpcTestNode.StartAsync(identity => new ElsewhereDirectory());
        using var account = Ed25519KeyPair.Generate();
        var reply = await node.CallAsync("store", Store(account, 0, "x"u8.ToArray(), node.Now, 60_000, signed: false));

        Assert.Equal(421, reply.Status);
        Assert.Equal("2a", reply.Body.GetProperty("swarm").GetString());
        Assert.Equal(ElsewhereDirectory.Member.Ed25519.ToHex(),
            Assert.Single(reply.Body.GetProperty("snodes").EnumerateArray()).GetProperty("pubkey_ed25519").GetString());
        Assert.Equal(node.Now, reply.Body.GetProperty("t").GetInt64());
        Assert.Equal("[19,4]", reply.Body.GetProperty("hf").GetRawText());
        Assert.Equal(421, (await node.CallAsync("retrieve", Retrieve(account, 0, node.Now))).Status);
        Assert.Equal(421, (await node.CallAsync("delete_all", DeleteAll(account, NamespaceScope.All, node.Now))).Status);
        Assert.Equal(200, (await node.CallAsync("get_swarm", new JsonObject { ["pubkey"] = account.AccountId.Hex })).Status);
    }

    [Fact]
    public async Task With_no_swarms_yet_get_swarm_is_empty_and_other_methods_are_421()
    {
        await using var node = await RpcTestNode.StartAsync(identity => new NoSwarms());
        using var account = Ed25519KeyPair.Generate();

        var swarm = await node.CallAsync("get_swarm", new JsonObject { ["pubkey"] = account.AccountId.Hex });
        Assert.Equal($$"""{"hf":[19,4],"snodes":[],"swarm":"ffffffffffffffff","t":{{node.Now}}}""", swarm.Text);
        var store = await node.CallAsync("store", Store(account, 0, "x"u8.ToArray(), node.Now, 60_000, signed: false));
        Assert.Equal((421, swarm.Text), (store.Status, store.Text));
    }

    [Fact]
    public async Task A_store_whose_database_fails_is_a_query_failure_entry_and_still_200()
    {
        await using var node = await RpcTestNode.StartAsync(store: new FailingStore());
        using var account = Ed25519KeyPair.Generate();
        var reply = await node.CallAsync("store", Store(account, 0, "x"u8.ToArray(), node.Now, 60_000, signed: false));

        Assert.Equal(200, reply.Status);
        Assert.Equal("""{"failed":true,"query_failure":true}""", reply.Mine(node.NodeKeyHex).GetRawText());
        Assert.DoesNotContain("disk on fire", reply.Text);
    }

    [Fact]
    public async Task A_full_store_is_a_query_failure_entry()
    {
        await using var node = await RpcTestNode.StartAsync(store: new FullStore());
        using var account = Ed25519KeyPair.Generate();
        var reply = await node.CallAsync("store", Store(account, 0, "x"u8.ToArray(), node.Now, 60_000, signed: false));
        Assert.Equal(200, reply.Status);
        Assert.True(reply.Mine(node.NodeKeyHex).GetProperty("query_failure").GetBoolean());
    }

    [Fact]
    public async Task A_retrieve_whose_database_fails_is_sessions_500_text()
    {
        await using var node = await RpcTestNode.StartAsync(store: new FailingStore());
        using var account = Ed25519KeyPair.Generate();
        var key = account.AccountId.Hex[2..];
        var reply = await node.CallAsync("retrieve", Retrieve(account, 0, node.Now));
        reply.AssertText(500, $"Internal Server Error. Could not retrieve messages for {key[..4]}…{key[^2..]}");
    }

    [Fact]
    public async Task Any_other_unexpected_failure_is_request_failed()
    {
        await using var node = await RpcTestNode.StartAsync(store: new FailingStore());
        using var account = Ed25519KeyPair.Generate();
        var reply = await node.CallAsync("delete_all", DeleteAll(account, NamespaceScope.All, node.Now));
        reply.AssertText(500, "request failed");
    }

    private sealed class ElsewhereDirectory : ISwarmDirectory
    {
        private static readonly Ed25519KeyPair Other = Ed25519KeyPair.Generate();
        public static readonly SwarmMember Member = new(Other.PublicKey, Other.X25519PublicKey, "10.0.0.7", 443, 0);

        public bool Serves(StoragePubkey pubkey) => false;
        public SwarmView SwarmFor(StoragePubkey pubkey) => new(42, [Member]);
    }

    private sealed class NoSwarms : ISwarmDirectory
    {
        public bool Serves(StoragePubkey pubkey) => false;
        public SwarmView? SwarmFor(StoragePubkey pubkey) => null;
    }

    /// <summary>A store whose disk fails: injects the fault, it does not imitate the component under test.</summary>
    private class FailingStore : IMessageStore
    {
        public virtual Task<StoreResult> StoreAsync(StoredMessage message, bool replaceNamespace, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");
        public Task<RetrieveResult> RetrieveAsync(string owner, int @namespace, string? lastHash, int? maxCount, long maxSize, long nowMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyList<string>> DeleteAsync(string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyList<NamespacedHash>> DeleteAllAsync(string owner, int? @namespace, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyList<NamespacedHash>> DeleteBeforeAsync(string owner, int? @namespace, long beforeMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyDictionary<string, ExpiryChange>> ExpireAsync(string owner, IReadOnlyList<ExpiryTarget> targets, ExpireMode mode, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyList<NamespacedHash>> ExpireAllAsync(string owner, int? @namespace, long expiryMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task RevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, long nowMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<int> UnrevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<long?> SubaccountRevokedAtAsync(string owner, byte[] token, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyDictionary<string, long>> GetExpiriesAsync(string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<int> DeleteExpiredAsync(long nowMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<MessagePage> ReadPageAsync(long afterId, int maxCount, long maxBytes, Func<string, bool> ownerFilter, long nowMs, bool includeData, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<IReadOnlyList<PagedMessage>> ReadByIdsAsync(IReadOnlyCollection<long> ids, long nowMs, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<bool[]> ContainsAsync(IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<StoredMessage?> FindAsync(MessageKey key, CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<long> LastIdAsync(CancellationToken cancellationToken) => throw new IOException("disk on fire");
        public Task<BulkStoreResult> StoreManyAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) => throw new IOException("disk on fire");
    }

    private sealed class FullStore : FailingStore
    {
        public override Task<StoreResult> StoreAsync(StoredMessage message, bool replaceNamespace, CancellationToken cancellationToken) =>
            Task.FromResult(new StoreResult(StoreOutcome.Full, 0));
    }
}
