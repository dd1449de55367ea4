using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Dht.Rpc;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Tests.Storage;

/// <summary>A storing node takes an announcement only with a fresh token for the sender's IP and a signature bound to itself.</summary>
public sealed class AnnounceChecksTests : IAsyncLifetime
{
    private static readonly DhtId Topic = DhtId.Hash("checks"u8);
    private readonly Ed25519KeyPair _keys = Ed25519KeyPair.Generate();
    private SimulatedDht _dht = null!;
    private IDatagramTransport _socket = null!;
    private DhtRpc _rpc = null!;

    public async ValueTask InitializeAsync()
    {
        _dht = await SimulatedDht.StartAsync(4, seed: 7);
        _socket = _dht.Network.Bind();
        _rpc = new DhtRpc(_socket, TimeProvider.System, serve: false);
    }

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        _keys.Dispose();
        await _dht.DisposeAsync();
    }

    [Fact]
    public async Task WithItsToken_AndASignatureForIt_TheNodeStores()
    {
        var node = _dht.Nodes[1];
        var token = await TokenFromAsync(node);

        var error = await AnnounceAsync(node, token, SignedFor(node.Id, token));

        Assert.Equal(DhtError.None, error);
        Assert.Equal(1, node.StoredTopics);
    }

    [Fact]
    public async Task AMadeUpToken_IsRefused()
    {
        var node = _dht.Nodes[1];
        var token = Enumerable.Repeat((byte)7, 32).ToArray();

        Assert.Equal(DhtError.InvalidToken, await AnnounceAsync(node, token, SignedFor(node.Id, token)));
        Assert.Equal(0, node.StoredTopics);
    }

    [Fact]
    public async Task ATokenTwoRotationsOld_IsRefused()
    {
        var node = _dht.Nodes[2];
        var token = await TokenFromAsync(node);
        node.RotateTokens();
        node.RotateTokens();

        Assert.Equal(DhtError.InvalidToken, await AnnounceAsync(node, token, SignedFor(node.Id, token)));
        Assert.Equal(0, node.StoredTopics);
    }

    [Fact]
    public async Task AnAnnouncementSignedForAnotherNode_IsRefused()
    {
        var other = _dht.Nodes[1];
        var node = _dht.Nodes[3];
        var token = await TokenFromAsync(node);

        Assert.Equal(DhtError.InvalidValue, await AnnounceAsync(node, token, SignedFor(other.Id, token)));
        Assert.Equal(0, node.StoredTopics);
    }

    [Fact]
    public async Task GarbageInsteadOfAnAnnouncement_IsRefused()
    {
        var node = _dht.Nodes[3];
        var token = await TokenFromAsync(node);

        Assert.Equal(DhtError.InvalidValue, await AnnounceAsync(node, token, [1, 2, 3]));
    }

    [Fact]
    public async Task AnEphemeralNode_StoresNothing()
    {
        await using var client = await _dht.ClientAsync(TestContext.Current.CancellationToken);
        var reply = await _rpc.RequestAsync(client.Transport.LocalEndPoint, DhtCommand.Lookup, Topic.ToArray(), null, null, 2, CancellationToken.None);
        var token = reply!.Response.Token!;

        var answer = await _rpc.RequestAsync(client.Transport.LocalEndPoint, DhtCommand.Announce, Topic.ToArray(), SignedFor(client.Id, token), token, 2, CancellationToken.None);

        Assert.Equal(DhtError.UnknownCommand, answer!.Response.Error);
    }

    private async Task<byte[]> TokenFromAsync(DhtNode node)
    {
        var reply = await _rpc.RequestAsync(node.Transport.LocalEndPoint, DhtCommand.Lookup, Topic.ToArray(), null, null, 2, CancellationToken.None);
        return reply!.Response.Token!;
    }

    private async Task<DhtError> AnnounceAsync(DhtNode node, byte[] token, byte[] value)
    {
        var reply = await _rpc.RequestAsync(node.Transport.LocalEndPoint, DhtCommand.Announce, Topic.ToArray(), value, token, 2, CancellationToken.None);
        return reply!.Response.Error;
    }

    private byte[] SignedFor(DhtId nodeId, byte[] token)
    {
        var record = new PeerRecordWire(_keys.X25519PublicKey.Span.ToArray(), []);
        var signable = AnnounceMessage.Signable(AnnounceMessage.AnnounceNamespace, Topic.ToArray(), nodeId.ToArray(), token, record);
        return new AnnounceMessage(record, PositiveEd25519.Sign(_keys, signable)).Encode();
    }
}
