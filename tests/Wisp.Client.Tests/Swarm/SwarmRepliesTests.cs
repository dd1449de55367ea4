using System.Text;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using MemberFailure = Wisp.Protocol.Rpc.SwarmFailure;

namespace Wisp.Client.Tests.Swarm;

/// <summary>
/// Answers are read with the protocol's response records, as they come out of an onion reply. Store and delete answers
/// are confirmed node by node, with each node's key from the pool; anything malformed reads as null, never an exception.
/// </summary>
public sealed class SwarmRepliesTests : IDisposable
{
    private static readonly HardFork Hf = ProtocolVersions.HardFork;
    private readonly Ed25519KeyPair[] _nodes = [.. Enumerable.Range(0, 4).Select(TestNodes.Keys)];
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
        var answer = new SwarmResponse<StoreEntry>(
        [
            Member(_nodes[0], SwarmEntry<StoreEntry>.Of(Stored(_nodes[0], hash, hash))),
            Member(_nodes[1], SwarmEntry<StoreEntry>.Of(Stored(_nodes[2], hash, hash))),     // signed by another node's key
            Member(_nodes[2], SwarmEntry<StoreEntry>.Of(Stored(_nodes[2], hash, "other"))),  // signed a different hash
            Member(_nodes[3], SwarmEntry<StoreEntry>.Failed(MemberFailure.TimedOut)),        // Session's failure entry
            Member(stranger, SwarmEntry<StoreEntry>.Of(Stored(stranger, hash, hash))),       // not in the registry
            KeyValuePair.Create("not a key", SwarmEntry<StoreEntry>.Of(Stored(_nodes[0], hash, hash))),
        ], T: 1_760_000_000_000, Hf, hash);

        var read = Read<SwarmResponse<StoreEntry>>(Reply(200, answer))!;
        var receipt = SwarmReplies.Store(read, hash, _pool);

        Assert.Equal(1_760_000_000_000, read.T);
        Assert.Equal(1, receipt.Confirmed);
        Assert.Equal(5, receipt.Nodes.Count);
        Assert.True(receipt.Nodes.Single(n => n.Node.Equals(_nodes[0].PublicKey)).Confirmed);
        Assert.False(receipt.Nodes.Single(n => n.Node.Equals(_nodes[3].PublicKey)).Confirmed);
        Assert.Equal(123, receipt.ExpiryMs);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"swarm\": []}")]
    [InlineData("{\"swarm\": {}, \"t\": 1}")]                                         // no hf
    [InlineData("{\"hf\": [19, 4], \"swarm\": {}}")]                                   // no t
    [InlineData("{\"hf\": [19, 4], \"swarm\": {\"ab\": {\"hash\": 1}}, \"t\": 1}")]     // an entry that is neither
    [InlineData("{\"hf\": [19, 4], \"swarm\": {\"ab\": {\"failed\": true, \"code\": \"x\"}}, \"t\": 1}")]
    [InlineData("[]")]
    [InlineData("garbage")]
    [InlineData("")]
    public void AStoreAnswerWithoutItsShapeIsNotRead(string body) =>
        Assert.Null(Read<SwarmResponse<StoreEntry>>(Reply(200, body)));

    [Fact]
    public void ADeleteIsConfirmedByTheNodesSignatureOverWhatItDeleted()
    {
        var hashes = new[] { MessageHash.Compute(Pubkey, 0, "a"u8) };
        var signed = NodeSignatureStrings.Delete(Pubkey.Hex, hashes, hashes);
        var answer = new SwarmResponse<DeleteEntry>(
        [
            Member(_nodes[0], SwarmEntry<DeleteEntry>.Of(new DeleteEntry(AffectedHashes.Of(hashes), Sign(_nodes[0], signed)))),
            Member(_nodes[1], SwarmEntry<DeleteEntry>.Of(new DeleteEntry(AffectedHashes.Of([]), Sign(_nodes[1], signed)))),
            Member(_nodes[2], SwarmEntry<DeleteEntry>.Failed(MemberFailure.Refused(401, "no"))),
        ], T: 1, Hf);

        var receipt = SwarmReplies.Delete(Read<SwarmResponse<DeleteEntry>>(Reply(200, answer))!, Pubkey, hashes, _pool);

        Assert.Equal(1, receipt.Confirmed);
        Assert.Equal(3, receipt.Nodes.Count);
        Assert.Equal(hashes, receipt.Deleted);
    }

    [Theory]
    [InlineData("{\"hf\": [19, 4], \"swarm\": {\"ab\": {\"deleted\": [1], \"signature\": \"s\"}}, \"t\": 1}")]
    [InlineData("{\"hf\": [19, 4], \"swarm\": {\"ab\": {\"deleted\": [\"h\"]}}, \"t\": 1}")]
    [InlineData("{\"hf\": [19], \"swarm\": {}, \"t\": 1}")]
    public void AMalformedDeleteAnswerIsNotRead(string body) =>
        Assert.Null(Read<SwarmResponse<DeleteEntry>>(Reply(200, body)));

    [Fact]
    public void ARetrieveAnswerBecomesMessagesAndTheNextLastHash()
    {
        var node = _pool.Nodes[0];
        var answer = new RetrieveResponse(
            [new RetrievedMessage("h1", 5, 9, "one"u8.ToArray()), new RetrievedMessage("h2", 6, 9, "two"u8.ToArray())],
            More: true, T: 7, Hf);

        var messages = SwarmReplies.Retrieve(Read<RetrieveResponse>(Reply(200, answer))!, node);

        Assert.Equal(["h1", "h2"], messages.Messages.Select(m => m.Hash));
        Assert.Equal("two"u8.ToArray(), messages.Messages[1].Data);
        Assert.Equal((6L, 9L), (messages.Messages[1].TimestampMs, messages.Messages[1].ExpiryMs));
        Assert.True(messages.More);
        Assert.Equal("h2", messages.LastHash);
        Assert.Same(node, messages.Node);
    }

    [Theory]
    [InlineData("{\"hf\":[19,4],\"messages\":[{\"hash\":\"h\",\"timestamp\":1,\"expiration\":2,\"data\":\"***\"}],\"more\":false,\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"messages\":[{\"timestamp\":1,\"expiration\":2,\"data\":\"AA==\"}],\"more\":false,\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"messages\":[{\"hash\":\"h\",\"expiration\":2,\"data\":\"AA==\"}],\"more\":false,\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"messages\":[{\"hash\":\"\\ud800\",\"timestamp\":1,\"expiration\":2,\"data\":\"AA==\"}],\"more\":false,\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"messages\":{},\"more\":false,\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"messages\":[],\"t\":1}")]
    [InlineData("{\"messages\":[],\"more\":false,\"t\":1}")]
    [InlineData("{\"messages\":")]
    public void AMalformedRetrieveAnswerIsNotRead(string body) =>
        Assert.Null(Read<RetrieveResponse>(Reply(200, body)));

    [Fact]
    public void ASwarmAnswerKeepsOnlyNodesTheRegistryLists()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var answer = new GetSwarmResponse(
        [
            Info(_nodes[1].PublicKey.ToHex()),
            Info(_nodes[1].PublicKey.ToHex()),
            Info(stranger.PublicKey.ToHex()),
            Info("abcd"),                                     // not a key
        ], SwarmId: 5, T: 1, Hf);

        var members = SwarmReplies.Members(Read<GetSwarmResponse>(Reply(RpcStatus.MisdirectedRequest, answer))!, _pool);

        // The pool's record, not the address the answer gave, and once.
        Assert.Equal([_pool.Find(_nodes[1].PublicKey)!], members);
    }

    [Theory]
    [InlineData("{\"hf\":[19,4],\"snodes\":[{\"pubkey_ed25519\":5}],\"swarm\":\"0\",\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"snodes\":[],\"swarm\":\"not hex\",\"t\":1}")]
    [InlineData("{\"hf\":[19,4],\"snodes\":{},\"swarm\":\"0\",\"t\":1}")]
    [InlineData("{\"error\":\"wrong swarm\"}")]
    public void AMalformedSwarmAnswerIsNotRead(string body) =>
        Assert.Null(Read<GetSwarmResponse>(Reply(RpcStatus.MisdirectedRequest, body)));

    [Fact]
    public void AnInfoAnswerGivesTheNodesTime()
    {
        var answer = new InfoResponse(ProtocolVersions.StorageServer, Timestamp: 1_760_000_000_123, T: 1_760_000_000_123, Hf);

        Assert.Equal(1_760_000_000_123, Read<InfoResponse>(Reply(200, answer))!.T);
    }

    [Theory]
    [InlineData("{\"hf\":[19,4],\"t\":\"soon\",\"timestamp\":1,\"version\":[2,8,0]}")]
    [InlineData("{\"hf\":[19,4],\"t\":1,\"timestamp\":1,\"version\":[2,8]}")]
    [InlineData("{\"t\":1760000000123}")]
    [InlineData("nope")]
    public void AMalformedInfoAnswerIsNotRead(string body) =>
        Assert.Null(Read<InfoResponse>(Reply(200, body)));

    [Fact]
    public void ASessionErrorIsTextWithNoTimeAndIsShownInItsOwnWords()
    {
        var reply = Reply(RpcStatus.NotAcceptable, "store signature timestamp too far from current time");

        Assert.Null(reply.Json);
        Assert.Null(Read<InfoResponse>(reply));
        Assert.Equal("store signature timestamp too far from current time", SwarmReplies.ErrorText(reply));
    }

    [Fact]
    public void AJsonErrorBodyIsShownAsJson()
    {
        var reply = Reply(RpcStatus.MisdirectedRequest, new GetSwarmResponse([], GetSwarmResponse.InvalidSwarmId, 1, Hf));

        Assert.StartsWith("{\"hf\":[19,4],\"snodes\":[]", SwarmReplies.ErrorText(reply));
    }

    [Fact]
    public void AnErrorTextIsCutShortAndCannotSteerATerminal()
    {
        var reply = Reply(400, "\u001b[2J\u001b]0;owned\u0007" + new string('x', 1000));

        var text = SwarmReplies.ErrorText(reply);

        Assert.DoesNotContain(text, char.IsControl);
        Assert.Equal(201, text.Length);
        Assert.EndsWith("x…", text);
    }

    private static T? Read<T>(RpcReply reply) where T : class, IRpcResponse<T> => SwarmReplies.Read<T>(reply);

    private static RpcReply Reply(int status, IRpcResponse body) => Reply(status, RpcJson.Serialize(body));

    private static RpcReply Reply(int status, string body) => Reply(status, Encoding.UTF8.GetBytes(body));

    private static RpcReply Reply(int status, byte[] body) => SwarmReplies.Of(OnionResponse.Reply(status, body));

    private static KeyValuePair<string, SwarmEntry<T>> Member<T>(Ed25519KeyPair node, SwarmEntry<T> entry) where T : class, IRpcResponse<T> =>
        KeyValuePair.Create(node.PublicKey.ToHex(), entry);

    private static StoreEntry Stored(Ed25519KeyPair signer, string hash, string signedHash) =>
        new(hash, Sign(signer, NodeSignatureStrings.Store(signedHash)), Expiry: 123);

    private static SwarmNodeInfo Info(string ed25519Hex) => new(ed25519Hex, new string('0', 64), "203.0.113.9", 443);

    private static string Sign(Ed25519KeyPair signer, byte[] message) => Convert.ToBase64String(Ed25519.Sign(signer, message));
}
