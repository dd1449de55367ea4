using System.Text;
using Wisp.Client;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Ratchet;
using Wisp.Protocol.V2;
using Wisp.Testing;

namespace Wisp.IntegrationTests.ProtocolV2;

/// <summary>
/// Wisp's ratchet between two Wisp accounts on a network of real node processes: the first message advertises the
/// ratchet under "w", the answer is ratchet-sealed, and from then on the swarm holds v2 messages whose "c" is empty and
/// whose text exists only inside the ratchet ciphertext under "r" (checked on the stored bytes, opened with the
/// recipient's account keys as an attacker holding them would); a separate <c>wisp history</c> process reads them.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class RatchetTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);
    private readonly Dictionary<string, Ed25519KeyPair> _keys = [];

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_wisp_accounts_switch_to_ratchet_sealed_content_after_one_round_trip()
    {
        var alice = Open("alice");
        var bob = Open("bob");
        Assert.Null(await alice.Keys.UpkeepAsync(Token));
        Assert.Null(await bob.Keys.UpkeepAsync(Token));

        alice.Conversations.Send(bob.AccountId, "hello bob", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Conversations.History(alice.AccountId).Count == 1;
        }, "alice's hello at bob", TimeSpan.FromSeconds(90));

        bob.Conversations.Accept(alice.AccountId);
        bob.Conversations.Send(alice.AccountId, "bob, ratchet-sealed", null, out _);
        await bob.OutboxRunner.SendDueAsync(Token);
        await Eventually.TrueAsync(async () =>
        {
            await alice.FetchAsync(Token);
            return alice.Conversations.History(bob.AccountId).Count == 2;
        }, "bob's answer at alice", TimeSpan.FromSeconds(90));

        alice.Conversations.Send(bob.AccountId, "alice, ratchet-sealed", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Conversations.History(alice.AccountId).Count == 3; // hello, bob's answer, this one
        }, "alice's second message at bob", TimeSpan.FromSeconds(90));

        // What bob's swarm holds, opened with bob's account keys: the hello in the clear inside v2, then the ratchet.
        var stranger = _profiles.Swarm(seed: 21);
        var atBob = await OpenedAt(stranger, "bob", bob);
        Assert.Equal(2, atBob.Count);
        var hello = atBob.Single(m => !m.Extra.ContainsKey(RatchetInnerKeys.Message));
        Assert.True(hello.Extra.ContainsKey(RatchetInnerKeys.Negotiation));
        Assert.True(Holds(hello.Content!, "hello bob"));
        var ratcheted = atBob.Single(m => m.Extra.ContainsKey(RatchetInnerKeys.Message));
        Assert.Empty(ratcheted.Content!);
        Assert.False(Holds(((Protocol.Bencode.BencodeString)ratcheted.Extra[RatchetInnerKeys.Message]).Bytes.ToArray(), "alice, ratchet-sealed"));

        var atAlice = Assert.Single(await OpenedAt(stranger, "alice", alice));
        Assert.Empty(atAlice.Content!);
        Assert.True(atAlice.Extra.ContainsKey(RatchetInnerKeys.Message));
        Assert.True(atAlice.Extra.ContainsKey(RatchetInnerKeys.Negotiation)); // bob's accept rides with his first ratchet message

        // A separate process reads the ratchet-sealed messages from the profile's database.
        var bodies = (await _profiles.HistoryJsonAsync("bob", alice.AccountId)).Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Contains("alice, ratchet-sealed", bodies);
        Assert.Contains("bob, ratchet-sealed", bodies);
    }

    /// <summary>
    /// Every v2 message in <paramref name="name"/>'s swarm, opened with its current v2 keys. The swarm also holds the
    /// account's own copies of what it sent (sealed to itself as v1, for its other devices); those are not the peer's.
    /// </summary>
    private async Task<List<V2OpenResult>> OpenedAt(SwarmClient stranger, string name, WispClient owner)
    {
        var result = await stranger.RetrieveAsync(_keys[name], 0, lastHash: null, Token);
        Assert.True(result.Ok, result.Error?.Message);
        var keys = owner.Keys.ReceivingKeys();
        var opened = result.Value!.Messages.Where(m => DirectMessageV2.LooksLikeV2(m.Data))
            .Select(m => DirectMessageV2.Open(_keys[name], keys, m.Data)).ToList();
        Assert.All(opened, o => Assert.True(o.Succeeded, o.Failure?.ToString()));
        return opened;
    }

    private static bool Holds(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private WispClient Open(string name)
    {
        _profiles.CreateOffline(name);
        var (client, keys) = _profiles.OpenLocal(name);
        _keys[name] = keys;
        return client;
    }
}
