using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Testing;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// Wisp's waiting retrieve (<c>wisp_wait_ms</c>) on a real node. No assertion is about how long anything took: the
/// tests wait until the node holds the request (its waiter count), then check what it answers and in which order.
/// </summary>
public sealed class WaitingRetrieveTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private TestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await TestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    private MessageArrivals Arrivals => _node.Host.Services.GetRequiredService<MessageArrivals>();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Answers_at_once_when_there_is_a_newer_message()
    {
        var hash = await StoreAsync([1]);

        var reply = await RetrieveAsync(RetrieveRequest.MaxWispWaitMs);

        Assert.Equal([hash], Hashes(reply));
        Assert.Equal(0, Arrivals.Waiting);
    }

    [Fact]
    public async Task Waits_for_a_store_and_answers_with_it()
    {
        var first = await StoreAsync([1]);
        var waiting = RetrieveAsync(RetrieveRequest.MaxWispWaitMs, lastHash: first);
        await Eventually.TrueAsync(() => Task.FromResult(Arrivals.Waiting == 1), "the retrieve to wait");
        Assert.False(waiting.IsCompleted);

        var second = await StoreAsync([2]);

        Assert.Equal([second], Hashes(await waiting));
        Assert.Equal(0, Arrivals.Waiting);
    }

    [Fact]
    public async Task A_store_for_another_account_does_not_answer_the_wait()
    {
        using var other = Ed25519KeyPair.Generate();
        var waiting = RetrieveAsync(1_000);
        await Eventually.TrueAsync(() => Task.FromResult(Arrivals.Waiting == 1), "the retrieve to wait");

        await CallAsync("store", Store(other, 0, [9], Now, Minute, signed: true));

        Assert.Empty(Hashes(await waiting));
    }

    [Fact]
    public async Task Answers_empty_when_the_wait_ends_without_a_message()
    {
        var reply = await RetrieveAsync(200);

        Assert.Empty(Hashes(reply));
        Assert.False(reply.GetProperty("more").GetBoolean());
        Assert.Equal(0, Arrivals.Waiting);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"soon\"")]
    [InlineData("1.5")]
    public async Task A_wait_that_is_not_a_positive_integer_is_ignored_so_the_reply_stays_sessions(string wait)
    {
        var parameters = Retrieve(_account, 0, Now);
        parameters[RetrieveRequest.WaitParameter] = System.Text.Json.Nodes.JsonNode.Parse(wait);

        using var response = await _node.PostRpcAsync("retrieve", parameters.ToJsonString(), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(0, body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public void Waiters_beyond_the_capacity_are_refused_and_a_signal_wakes_only_its_address()
    {
        var arrivals = new MessageArrivals(capacity: 2);
        using var a = arrivals.TryRegister("a", 0);
        using var b = arrivals.TryRegister("b", 0);

        Assert.Null(arrivals.TryRegister("c", 0));
        arrivals.Signal("a", 1);
        Assert.False(a!.Arrived.IsCompleted);
        arrivals.Signal("a", 0);
        Assert.True(a.Arrived.IsCompleted);
        Assert.False(b!.Arrived.IsCompleted);
        Assert.NotNull(arrivals.TryRegister("c", 0)); // a woken waiter frees its place
    }

    private async Task<string> StoreAsync(byte[] data)
    {
        var reply = await CallAsync("store", Store(_account, 0, data, Now, Minute, signed: true));
        return reply.GetProperty("hash").GetString()!;
    }

    private Task<JsonElement> RetrieveAsync(int waitMs, string? lastHash = null)
    {
        var parameters = Retrieve(_account, 0, Now, lastHash);
        parameters[RetrieveRequest.WaitParameter] = waitMs;
        return CallAsync("retrieve", parameters);
    }

    private async Task<JsonElement> CallAsync(string method, JsonObject parameters)
    {
        using var response = await _node.PostRpcAsync(method, parameters.ToJsonString(), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string> Hashes(JsonElement reply) =>
        reply.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()!).ToList();
}
