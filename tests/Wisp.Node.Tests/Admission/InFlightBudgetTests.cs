using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Admission;
using Wisp.Testing;

namespace Wisp.Node.Tests.Admission;

/// <summary>
/// Memory bounded node-wide: answers a client has not taken count against the node's one in-flight budget, past it
/// the node sheds load with 503, a client address has a cap on requests in flight, and once hostile clients go the
/// budget is whole again and stores are answered. Real node over HTTPS; clients that never read their answers.
/// </summary>
public sealed class InFlightBudgetTests
{
    private const int StoredMessages = 100;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_nobody_reads_are_held_within_the_budget_and_past_it_the_node_answers_503()
    {
        await using var node = await TestNode.StartAsync(options => options with { InFlightBudgetBytes = 12 * 1024 * 1024 });
        using var account = await FillAccountAsync(node);
        var budget = node.Host.Services.GetRequiredService<BodyBudget>();
        var hostile = new List<RawClient>();
        try
        {
            hostile.Add(await RawClient.NonReadingAsync(node, IPAddress.Parse("127.0.0.20"), RetrieveBody(account)));
            // Its answer (about 7.8 MB, more than the sockets can absorb) waits at the node for a reader that never comes,
            // and is counted while it does.
            await Eventually.TrueAsync(() => Task.FromResult(budget.Used > 6 * 1024 * 1024), "the unread answer is held in the budget");

            using var shed = await node.PostRawAsync(RetrieveBody(account), Token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
            Assert.Equal("text/plain", shed.Content.Headers.ContentType?.MediaType);
            Assert.Equal(EdgeRefusals.Busy, await shed.Content.ReadAsStringAsync(Token));
            Assert.InRange(budget.Peak, 1, budget.Limit);
        }
        finally
        {
            foreach (var client in hostile) await client.DisposeAsync();
        }

        // Gone: what their answers held comes back, and a store and a full retrieve are answered again.
        await Eventually.TrueAsync(() => Task.FromResult(budget.Used == 0), "the budget is whole again");
        using var store = await node.PostRpcAsync("store", Messages.StoreParams(Messages.RandomAccount(), [1, 2, 3], Messages.NowMs()), Token);
        Assert.Equal(HttpStatusCode.OK, store.StatusCode);
        using var retrieve = await node.PostRawAsync(RetrieveBody(account), Token);
        Assert.Equal(HttpStatusCode.OK, retrieve.StatusCode);
    }

    [Fact]
    public async Task Many_clients_that_never_read_keep_the_budget_bounded_and_stores_answered()
    {
        await using var node = await TestNode.StartAsync(options => options with { InFlightBudgetBytes = 24 * 1024 * 1024 });
        using var account = await FillAccountAsync(node);
        var budget = node.Host.Services.GetRequiredService<BodyBudget>();
        var hostile = new List<RawClient>();
        try
        {
            for (var i = 0; i < 12; i++)
                hostile.Add(await RawClient.NonReadingAsync(node, IPAddress.Parse($"127.0.1.{i + 1}"), RetrieveBody(account)));
            await Eventually.TrueAsync(() => Task.FromResult(budget.Used > 12 * 1024 * 1024), "unread answers are held");

            // A small store still fits beside them.
            using var store = await node.PostRpcAsync("store", Messages.StoreParams(Messages.RandomAccount(), [1], Messages.NowMs()), Token);

            Assert.Equal(HttpStatusCode.OK, store.StatusCode);
            Assert.InRange(budget.Peak, 1, budget.Limit);
        }
        finally
        {
            foreach (var client in hostile) await client.DisposeAsync();
        }
        await Eventually.TrueAsync(() => Task.FromResult(budget.Used == 0), "the budget is whole again");
    }

    [Fact]
    public async Task A_client_address_past_its_requests_in_flight_gets_429_and_other_addresses_are_served()
    {
        await using var node = await TestNode.StartAsync(options => options with { MaxConcurrentRequestsPerClient = 2 });
        using var account = await FillAccountAsync(node);
        var busyAddress = IPAddress.Parse("127.0.0.30");
        var concurrency = node.Host.Services.GetRequiredService<ClientConcurrency>().Limiter;
        var hostile = new List<RawClient>();
        try
        {
            for (var i = 0; i < 2; i++)
                hostile.Add(await RawClient.NonReadingAsync(node, busyAddress, RetrieveBody(account)));
            await Eventually.TrueAsync(
                () => Task.FromResult(concurrency.InFlight(ClientRateLimiter.KeyOf(busyAddress)) == 2), "both unread requests are in flight");

            await using var third = await RawClient.ConnectAsync(node, busyAddress);
            var (status, text) = await third.PostAsync("{\"method\":\"info\",\"params\":{}}");

            Assert.Equal((429, "Too Many Requests\n"), (status, text));
            using var elsewhere = await node.PostRpcAsync("info", "{}", Token);
            Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        }
        finally
        {
            foreach (var client in hostile) await client.DisposeAsync();
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(concurrency.InFlight(ClientRateLimiter.KeyOf(busyAddress)) == 0), "the slots are given back");
        await using var again = await RawClient.ConnectAsync(node, busyAddress);
        Assert.Equal(200, (await again.PostAsync("{\"method\":\"info\",\"params\":{}}")).Status);
    }

    /// <summary>Stores <see cref="StoredMessages"/> largest messages for a new account, so one full retrieve answers about 7.8 MB.</summary>
    private static async Task<Ed25519KeyPair> FillAccountAsync(TestNode node)
    {
        var account = Ed25519KeyPair.Generate();
        var data = new byte[Protocol.Storage.StorageLimits.MaxMessageBytes];
        for (var i = 0; i < StoredMessages; i++)
        {
            Random.Shared.NextBytes(data);
            var parameters = SignedRequests.Store(account, 0, data, Messages.NowMs() + i, 3_600_000, signed: false);
            using var response = await node.PostRpcAsync("store", parameters.ToJsonString(), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return account;
    }

    /// <summary>A retrieve of everything the account has, up to Session's largest answer (<c>max_size</c> −1).</summary>
    private static string RetrieveBody(Ed25519KeyPair account)
    {
        var parameters = SignedRequests.Retrieve(account, 0, Messages.NowMs());
        parameters["max_size"] = -1;
        return $"{{\"method\":\"retrieve\",\"params\":{parameters.ToJsonString()}}}";
    }
}
