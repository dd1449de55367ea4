using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.NodeLinks;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>
/// A swarm peer can store nothing a client could not: pushed or caught-up messages keep their namespace's TTL limit,
/// and in a namespace whose stores are signed they carry the owner's store signature, which the receiver checks and
/// keeps to pass on.
/// </summary>
public sealed class OwnerSignedTransferTests : IAsyncLifetime
{
    private const int SignedNamespace = 2;
    private static readonly long Day = TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond;

    private SwarmNetwork _network = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _network = await SwarmNetwork.StartAsync(3);

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_pushed_message_in_a_signed_namespace_without_the_owners_signature_is_not_stored()
    {
        using var account = Ed25519KeyPair.Generate();

        var (answer, message) = await PushAsync(account, SignedNamespace, Messages.NowMs() + Day, ownerSignature: null);

        Assert.Equal(0, answer.Stored);
        Assert.False(await HeldAsync(message));
    }

    [Fact]
    public async Task A_pushed_message_with_a_forged_owner_signature_is_not_stored()
    {
        using var account = Ed25519KeyPair.Generate();
        using var forger = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        // Signed by another key that claims to be the account's.
        var forged = new OwnerStoreSignature(now, Ed25519.Sign(forger, SignatureStrings.Store(SignedNamespace, now)), account.PublicKey, null);

        var (answer, message) = await PushAsync(account, SignedNamespace, now + Day, forged);

        Assert.Equal(0, answer.Stored);
        Assert.False(await HeldAsync(message));
    }

    [Theory]
    [InlineData(0, 15)]
    [InlineData(SignedNamespace, 31)]
    public async Task A_pushed_message_beyond_its_namespaces_TTL_limit_is_not_stored(int ns, int days)
    {
        using var account = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();

        var (answer, message) = await PushAsync(account, ns, now + days * Day, OwnerSigned(account, ns, now));

        Assert.Equal(0, answer.Stored);
        Assert.False(await HeldAsync(message));
    }

    [Theory]
    [InlineData(0, 14)]
    [InlineData(SignedNamespace, 30)]
    public async Task A_pushed_message_with_a_valid_owner_signature_within_the_TTL_limit_is_stored_with_that_signature(int ns, int days)
    {
        using var account = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        var signature = OwnerSigned(account, ns, now);

        var (answer, message) = await PushAsync(account, ns, now + days * Day - 1000, signature);

        Assert.Equal(1, answer.Stored);
        var kept = await _network.Nodes[1].Store.FindAsync(message.ToKey(), Token);
        Assert.NotNull(kept);
        Assert.Equal(signature.ToJson(), kept.OwnerSignature);
    }

    [Fact]
    public async Task A_client_store_in_a_signed_namespace_reaches_a_member_that_was_down_with_the_owners_signature()
    {
        using var account = Ed25519KeyPair.Generate();
        var away = _network.Nodes[2];
        await _network.StopAsync(away);
        var (status, body) = await SwarmNetwork.StoreAsync(_network.Nodes[0], account, "signed"u8.ToArray(), SignedNamespace);
        Assert.Equal(200, status);
        var hash = body["hash"]!.GetValue<string>();

        var back = await _network.RestartAsync(away);
        await _network.SettleAsync();

        await Eventually.TrueAsync(() => SwarmNetwork.HoldsAsync(back, account, SignedNamespace, hash), "the member that was down catches up");
        var kept = await back.Store.FindAsync(new MessageKey(account.AccountId.Hex, SignedNamespace, hash), Token);
        var signature = OwnerStoreSignature.Read(kept!.OwnerSignature);
        Assert.NotNull(signature);
        Assert.Equal(account.PublicKey, signature.PubkeyEd25519);
    }

    [Fact]
    public async Task A_member_catching_up_takes_only_what_a_client_could_have_stored()
    {
        using var account = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        // What a dishonest member holds: one message a client could have stored, two it could not.
        var honest = Planted(account, SignedNamespace, now + Day, OwnerSigned(account, SignedNamespace, now));
        var unsigned = Planted(account, SignedNamespace, now + Day, ownerSignature: null);
        var tooLong = Planted(account, 0, now + 20 * Day, ownerSignature: null);
        foreach (var message in new[] { honest, unsigned, tooLong })
            await _network.Nodes[0].Store.StoreAsync(message, replaceNamespace: false, Token);

        var member = _network.Nodes[1];
        await Eventually.TrueAsync(async () => await member.Store.FindAsync(Key(honest), Token) is not null, "catch-up brings the honest message");

        Assert.Null(await member.Store.FindAsync(Key(unsigned), Token));
        Assert.Null(await member.Store.FindAsync(Key(tooLong), Token));
    }

    private static StoredMessage Planted(Ed25519KeyPair account, int ns, long expiryMs, OwnerStoreSignature? ownerSignature)
    {
        var data = Guid.NewGuid().ToByteArray();
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), ns, data);
        return new StoredMessage(account.AccountId.Hex, ns, hash, data, Messages.NowMs(), expiryMs, ownerSignature?.ToJson());
    }

    private static MessageKey Key(StoredMessage message) => new(message.Owner, message.Namespace, message.Hash);

    private static OwnerStoreSignature OwnerSigned(Ed25519KeyPair account, int ns, long timestampMs) =>
        new(timestampMs, Ed25519.Sign(account, SignatureStrings.Store(ns, timestampMs)), account.PublicKey, null);

    private async Task<(PushAnswer Answer, PeerMessage Message)> PushAsync(
        Ed25519KeyPair account, int ns, long expiryMs, OwnerStoreSignature? ownerSignature)
    {
        var data = Guid.NewGuid().ToByteArray();
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), ns, data);
        var message = new PeerMessage(1, account.AccountId.Hex, ns, hash, Messages.NowMs(), expiryMs, data, ownerSignature);
        using var client = new PeerClient(_network.Nodes[0].Host.Identity.Keys, TimeProvider.System);
        var answer = await client.CallAsync(_network.Authority.Current.FindNode(SwarmNetwork.KeyOf(_network.Nodes[1]))!, PushRequest.Route,
            new PushRequest([message]).ToJson(), PushAnswer.Read, TimeSpan.FromSeconds(30), Token);
        Assert.True(answer.Ok, answer.Problem);
        return (answer.Value!, message);
    }

    private async Task<bool> HeldAsync(PeerMessage message) =>
        await _network.Nodes[1].Store.FindAsync(message.ToKey(), Token) is not null;
}
