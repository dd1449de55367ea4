using System.Text;
using System.Text.Json.Nodes;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Swarm;

/// <summary>Store and delete answers are confirmed node by node, with each node's key from the pool; anything else is not.</summary>
public sealed class SwarmRepliesTests : IDisposable
{
    private readonly Ed25519KeyPair[] _nodes = [.. Enumerable.Range(0, 3).Select(TestNodes.Keys)];
    private readonly Ed25519KeyPair _account = TestNodes.Keys(200);
    private readonly NodePool _pool;

    public SwarmRepliesTests() => _pool = NodePool.FromNodes(_nodes.Select((k, i) => TestNodes.Node(k, 1000 + i)));

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        _account.Dispose();
    }

    private StoragePubkey Pubkey => StoragePubkey.FromBytes(_account.AccountId.Bytes);

    [Fact]
    public void EachNodeThatSignedTheHashConfirmsTheStore()
    {
        var hash = MessageHash.Compute(Pubkey, 0, "m"u8);
        using var stranger = Ed25519KeyPair.Generate();
        var swarm = new JsonObject
        {
            [_nodes[0].PublicKey.ToHex()] = StoreEntry(_nodes[0], hash, hash),
            [_nodes[1].PublicKey.ToHex()] = StoreEntry(_nodes[2], hash, hash),       // signed by another node's key
            [_nodes[2].PublicKey.ToHex()] = StoreEntry(_nodes[2], hash, "other"),    // signed a different hash
            [stranger.PublicKey.ToHex()] = StoreEntry(stranger, hash, hash),          // not in the registry
            ["not a key"] = StoreEntry(_nodes[0], hash, hash),
        };

        var receipt = SwarmReplies.Store(Body(new JsonObject { ["swarm"] = swarm, ["t"] = 1 }), hash, _pool)!;

        Assert.Equal(1, receipt.Confirmed);
        Assert.Equal(4, receipt.Nodes.Count);
        Assert.True(receipt.Nodes.Single(n => n.Node.Equals(_nodes[0].PublicKey)).Confirmed);
        Assert.Equal(123, receipt.ExpiryMs);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"swarm\": []}")]
    [InlineData("[]")]
    [InlineData("garbage")]
    public void AStoreAnswerWithoutASwarmIsNotAReceipt(string body) =>
        Assert.Null(SwarmReplies.Store(Encoding.UTF8.GetBytes(body), "h", _pool));

    [Fact]
    public void ADeleteIsConfirmedByTheNodesSignatureOverWhatItDeleted()
    {
        var hashes = new[] { MessageHash.Compute(Pubkey, 0, "a"u8) };
        var signed = NodeSignatureStrings.Delete(Pubkey.Hex, hashes, hashes);
        var swarm = new JsonObject
        {
            [_nodes[0].PublicKey.ToHex()] = new JsonObject { ["deleted"] = new JsonArray(hashes[0]), ["signature"] = Sign(_nodes[0], signed) },
            [_nodes[1].PublicKey.ToHex()] = new JsonObject { ["deleted"] = new JsonArray(), ["signature"] = Sign(_nodes[1], signed) },
        };

        var receipt = SwarmReplies.Delete(Body(new JsonObject { ["swarm"] = swarm }), Pubkey, hashes, _pool)!;

        Assert.Equal(1, receipt.Confirmed);
        Assert.Equal(hashes, receipt.Deleted);
    }

    [Fact]
    public void ARetrieveAnswerBecomesMessagesAndTheNextLastHash()
    {
        var node = _pool.Nodes[0];
        var body = Body(new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["hash"] = "h1", ["timestamp"] = 5, ["expiration"] = 9, ["data"] = Convert.ToBase64String("one"u8) },
                new JsonObject { ["hash"] = "h2", ["timestamp"] = 6, ["expiration"] = 9, ["data"] = Convert.ToBase64String("two"u8) }),
            ["more"] = true,
        });

        var messages = SwarmReplies.Retrieve(body, node)!;

        Assert.Equal(["h1", "h2"], messages.Messages.Select(m => m.Hash));
        Assert.Equal("two"u8.ToArray(), messages.Messages[1].Data);
        Assert.True(messages.More);
        Assert.Equal("h2", messages.LastHash);
        Assert.Same(node, messages.Node);
    }

    [Theory]
    [InlineData("{\"messages\":[{\"hash\":\"h\",\"data\":\"***\"}]}")]
    [InlineData("{\"messages\":[{\"data\":\"AA==\"}]}")]
    [InlineData("{\"messages\":{}}")]
    public void AMalformedRetrieveAnswerIsRejected(string body) =>
        Assert.Null(SwarmReplies.Retrieve(Encoding.UTF8.GetBytes(body), _pool.Nodes[0]));

    [Fact]
    public void ASwarmAnswerKeepsOnlyNodesTheRegistryLists()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var body = Body(new JsonObject
        {
            ["snodes"] = new JsonArray(
                new JsonObject { ["pubkey_ed25519"] = _nodes[1].PublicKey.ToHex(), ["ip"] = "203.0.113.9", ["port_https"] = 1 },
                new JsonObject { ["pubkey_ed25519"] = stranger.PublicKey.ToHex(), ["ip"] = "203.0.113.9", ["port_https"] = 1 },
                new JsonObject { ["pubkey_ed25519"] = 5 }),
            ["swarm"] = "0",
        });

        var members = SwarmReplies.Swarm(body, _pool);

        // The pool's record, not the address the answer gave.
        Assert.Equal([_pool.Find(_nodes[1].PublicKey)!], members);
    }

    [Fact]
    public void TheNodesTimeIsRead()
    {
        Assert.Equal(1_760_000_000_123, SwarmReplies.Time("{\"t\":1760000000123}"u8.ToArray()));
        Assert.Null(SwarmReplies.Time("{\"t\":\"soon\"}"u8.ToArray()));
        Assert.Null(SwarmReplies.Time("nope"u8.ToArray()));
    }

    private static JsonObject StoreEntry(Ed25519KeyPair signer, string hash, string signedHash) => new()
    {
        ["hash"] = hash,
        ["signature"] = Sign(signer, NodeSignatureStrings.Store(signedHash)),
        ["expiry"] = 123,
    };

    private static string Sign(Ed25519KeyPair signer, byte[] message) => Convert.ToBase64String(Ed25519.Sign(signer, message));

    private static byte[] Body(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());
}
