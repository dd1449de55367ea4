using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Groups;

/// <summary>
/// A group message a member stored while it was a member is still the group's after the member is removed (Session
/// keeps it: revocation bars new requests, it deletes nothing), so a swarm peer handing it over (catch-up, migration)
/// must not refuse it for the later revocation; a store the member signed after its revocation stays refused.
/// </summary>
public sealed class GroupHandoverTests : IAsyncLifetime
{
    private SwarmNetwork _network = null!;
    private readonly Ed25519KeyPair _group = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _member = Ed25519KeyPair.Generate();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _network = await SwarmNetwork.StartAsync(3);

    public async ValueTask DisposeAsync()
    {
        _group.Dispose();
        _member.Dispose();
        await _network.DisposeAsync();
    }

    private string GroupId => "03" + _group.PublicKey.ToHex();

    [Fact]
    public async Task A_message_a_member_stored_before_its_revocation_is_handed_over()
    {
        var now = Messages.NowMs();
        var signature = MemberSigned(now - 60_000);
        await _network.Nodes[1].Store.RevokeSubaccountsAsync(GroupId, [GroupSubaccount.Token(_group, _member.AccountId).Bytes.ToArray()], now - 30_000, Token);

        var (answer, message) = await PushAsync(now, signature);

        Assert.Equal(1, answer.Stored);
        Assert.NotNull(await _network.Nodes[1].Store.FindAsync(message.ToKey(), Token));
    }

    [Fact]
    public async Task A_message_a_member_signed_after_its_revocation_is_refused()
    {
        var now = Messages.NowMs();
        await _network.Nodes[1].Store.RevokeSubaccountsAsync(GroupId, [GroupSubaccount.Token(_group, _member.AccountId).Bytes.ToArray()], now - 30_000, Token);

        var (answer, message) = await PushAsync(now, MemberSigned(now - 10_000));

        Assert.Equal(0, answer.Stored);
        Assert.Null(await _network.Nodes[1].Store.FindAsync(message.ToKey(), Token));
    }

    private OwnerStoreSignature MemberSigned(long signedAtMs)
    {
        var auth = GroupSubaccount.Sign(GroupSubaccount.Make(_group, _member.AccountId), _member,
            SignatureStrings.Store(Namespaces.GroupMessages, signedAtMs));
        return new OwnerStoreSignature(signedAtMs, auth.Signature, null, new SignedSubaccount(auth.Token, auth.SubaccountSignature));
    }

    private async Task<(PushAnswer Answer, PeerMessage Message)> PushAsync(long now, OwnerStoreSignature signature)
    {
        var data = Guid.NewGuid().ToByteArray();
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(Convert.FromHexString(GroupId)), Namespaces.GroupMessages, data);
        var message = new PeerMessage(1, GroupId, Namespaces.GroupMessages, hash, signature.SignatureTimestampMs, now + 86_400_000, data, signature);
        using var client = new PeerClient(_network.Nodes[0].Host.Identity.Keys, TimeProvider.System);
        var answer = await client.CallAsync(_network.Authority.Current.FindNode(SwarmNetwork.KeyOf(_network.Nodes[1]))!, PushRequest.Route,
            new PushRequest([message]).ToJson(), PushAnswer.Read, TimeSpan.FromSeconds(30), Token);
        Assert.True(answer.Ok, answer.Problem);
        return (answer.Value!, message);
    }
}
