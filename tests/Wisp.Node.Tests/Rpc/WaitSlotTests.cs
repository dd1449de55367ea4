using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Admission;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Testing;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// The node's waiting-retrieve slots are shared fairly: unsigned (anonymous) waits get a small share, one address and
/// one account a bounded number; a retrieve refused a slot answers at once, as a plain retrieve. Requests go to the
/// node's storage RPC with the caller a test names (the address the HTTP edge or the onion destination would pass);
/// no assertion is about time: a request waits when the node counts it and its task has not completed.
/// </summary>
public sealed class WaitSlotTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task<RpcResponse>> _pending = [];

    // Waits end only when the test ends them: the node's timers never fire.
    public async ValueTask InitializeAsync() =>
        _node = await TestNode.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(new TimersNeverFire()));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in _pending)
        {
            try { await task; }
            catch (OperationCanceledException) { }
        }
        await _node.DisposeAsync();
        _stop.Dispose();
    }

    private MessageArrivals Arrivals => _node.Host.Services.GetRequiredService<MessageArrivals>();

    private IStorageRpc Rpc => _node.Host.Services.GetRequiredService<IStorageRpc>();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Two_thousand_anonymous_waits_leave_slots_for_signed_retrieves()
    {
        // As many unsigned waits as the node has slots, each from its own address, on legacy closed groups (no signature).
        var anonymous = Enumerable.Range(0, Arrivals.Capacity).Select(i => Wait(Unsigned(Messages.RandomAccount()), Address(i))).ToList();
        var held = await SettleAsync(anonymous, waitingBefore: 0);
        using var account = Ed25519KeyPair.Generate();

        var signed = Wait(Retrieve(account, 0, Now), "192.0.2.1");

        Assert.Equal(1, await SettleAsync([signed], held));
        Assert.Equal(Arrivals.Capacity / Limits.UnsignedWaitShareDivisor, held);
        // The refused anonymous ones were answered at once, as plain retrieves.
        var answered = anonymous.Where(t => t.IsCompleted).ToList();
        Assert.Equal(Arrivals.Capacity - held, answered.Count);
        Assert.All(answered, t => Assert.Equal((200, 0), (t.Result.Status, MessageCount(t.Result))));
    }

    [Fact]
    public async Task One_address_gets_a_bounded_number_of_waits_and_another_address_still_waits()
    {
        var accounts = Enumerable.Range(0, 40).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var waits = accounts.Select(account => Wait(Retrieve(account, 0, Now), "198.51.100.7")).ToList();
            var held = await SettleAsync(waits, waitingBefore: 0);

            var other = Wait(Retrieve(accounts[0], 0, Now), "198.51.100.8");

            Assert.Equal(1, await SettleAsync([other], held));
            Assert.Equal(Limits.MaxWaitingRetrievesPerAddress, held);
        }
        finally
        {
            foreach (var account in accounts) account.Dispose();
        }
    }

    [Fact]
    public async Task One_account_gets_a_bounded_number_of_signed_waits_and_another_account_still_waits()
    {
        using var account = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();

        var waits = Enumerable.Range(0, 40).Select(i => Wait(Retrieve(account, 0, Now), Address(i))).ToList();
        var held = await SettleAsync(waits, waitingBefore: 0);
        var next = Wait(Retrieve(other, 0, Now), Address(41));

        Assert.Equal(1, await SettleAsync([next], held));
        Assert.Equal(Limits.MaxWaitingRetrievesPerAccount, held);
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_share_the_address_cap()
    {
        var accounts = Enumerable.Range(0, Limits.MaxWaitingRetrievesPerAddress + 1).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var waits = accounts.Select((account, i) => Wait(Retrieve(account, 0, Now), $"2001:db8:1:2::{i + 1:x}")).ToList();

            Assert.Equal(Limits.MaxWaitingRetrievesPerAddress, await SettleAsync(waits, waitingBefore: 0));
        }
        finally
        {
            foreach (var account in accounts) account.Dispose();
        }
    }

    [Fact]
    public async Task Through_an_onion_path_the_relay_address_is_not_capped_but_the_account_is()
    {
        // Every request out of an onion layer names the same last relay: an address cap would starve its clients.
        var accounts = Enumerable.Range(0, 2 * Limits.MaxWaitingRetrievesPerAddress).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var waits = accounts.Select(account => Wait(Retrieve(account, 0, Now), "127.0.0.1", viaOnion: true)).ToList();
            Assert.Equal(accounts.Count, await SettleAsync(waits, waitingBefore: 0));

            var same = Enumerable.Range(0, Limits.MaxWaitingRetrievesPerAccount).Select(_ => Wait(Retrieve(accounts[0], 0, Now), "127.0.0.1", viaOnion: true)).ToList();
            Assert.Equal(Limits.MaxWaitingRetrievesPerAccount - 1, await SettleAsync(same, accounts.Count));
        }
        finally
        {
            foreach (var account in accounts) account.Dispose();
        }
    }

    [Fact]
    public void A_finished_wait_gives_its_address_and_account_places_back()
    {
        var arrivals = new MessageArrivals(capacity: 100, perAddress: 1, perAccount: 1);
        var claim = new WaitClaim("192.0.2.9", Signed: true);
        var first = arrivals.TryRegister("a", 0, claim);

        Assert.NotNull(first);
        Assert.Null(arrivals.TryRegister("b", 0, claim)); // the address is full
        Assert.Null(arrivals.TryRegister("a", 1, claim with { Address = "192.0.2.10" })); // the account is full
        arrivals.Signal("a", 0);
        using var second = arrivals.TryRegister("b", 0, claim);
        Assert.NotNull(second);
        second!.Dispose();
        using var third = arrivals.TryRegister("a", 1, claim);
        Assert.NotNull(third);
        Assert.Equal(1, arrivals.Waiting);
    }

    [Fact]
    public void Each_subaccount_token_has_its_own_account_places()
    {
        var arrivals = new MessageArrivals(capacity: 100, perAddress: 100, perAccount: 1);

        Assert.NotNull(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true)));
        Assert.Null(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true)));
        Assert.NotNull(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true, Signer: "a/01")));
        Assert.NotNull(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true, Signer: "a/02")));
        Assert.Null(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true, Signer: "a/02")));
    }

    [Fact]
    public void Unsigned_waits_hold_at_most_their_share_and_do_not_count_against_the_account()
    {
        var arrivals = new MessageArrivals(capacity: 20);
        var unsigned = Enumerable.Range(0, 5).Select(_ => arrivals.TryRegister("a", -10, new WaitClaim(null, Signed: false))).ToList();
        var signed = Enumerable.Range(0, Limits.MaxWaitingRetrievesPerAccount).Select(_ => arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true))).ToList();

        Assert.Equal(2, unsigned.Count(w => w is not null));
        Assert.All(signed, Assert.NotNull);
        Assert.Null(arrivals.TryRegister("a", 0, new WaitClaim(null, Signed: true)));
    }

    /// <summary>
    /// Waits until each of <paramref name="started"/> has either answered or is counted as waiting; returns how many
    /// wait (the node's count less <paramref name="waitingBefore"/>).
    /// </summary>
    private async Task<int> SettleAsync(IReadOnlyList<Task<RpcResponse>> started, int waitingBefore)
    {
        await Eventually.TrueAsync(
            () => Task.FromResult(started.Count(t => t.IsCompleted) + Arrivals.Waiting - waitingBefore == started.Count),
            "every retrieve to answer or wait");
        return Arrivals.Waiting - waitingBefore;
    }

    private static JsonObject Unsigned(string pubkey) => new() { ["pubkey"] = pubkey, ["namespace"] = Namespaces.LegacyClosedGroup };

    private static string Address(int i) => $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";

    /// <summary>Starts a retrieve that asks to wait the longest allowed, from <paramref name="address"/>.</summary>
    private Task<RpcResponse> Wait(JsonObject parameters, string address, bool viaOnion = false)
    {
        parameters[RetrieveRequest.WaitParameter] = RetrieveRequest.MaxWispWaitMs;
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["method"] = "retrieve", ["params"] = parameters }.ToJsonString());
        var task = Rpc.HandleAsync(body, new RpcCaller(address) { ViaOnion = viaOnion }, _stop.Token);
        _pending.Add(task);
        return task;
    }

    private static int MessageCount(RpcResponse response) =>
        JsonDocument.Parse(response.Body).RootElement.GetProperty("messages").GetArrayLength();
}

/// <summary>The system clock, except that its timers never fire: a waiting retrieve waits until cancelled.</summary>
internal sealed class TimersNeverFire : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
