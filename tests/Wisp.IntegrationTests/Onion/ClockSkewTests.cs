using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Onion;

/// <summary>
/// A client whose machine clock is an hour off still stores and retrieves: it signs with the network's time, learned
/// from the nodes' <c>t</c>. A 406 is Session's bare text with no <c>t</c>, so the client asks that node's
/// <c>info</c> for its time, takes it, and tries again.
/// </summary>
public sealed class ClockSkewTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public async Task AClientClockAnHourOffStillSendsAndReceives(int hours)
    {
        await using var network = await OnionNetwork.StartAsync(6);
        var machine = new SkewedTime(Hour * hours);
        using var client = network.Client(machine, seed: 41);
        using var account = Ed25519KeyPair.Generate();

        var stored = await client.StoreAsync(account.AccountId, Namespaces.UserProfile, "skewed"u8.ToArray(), TimeSpan.FromDays(1), account, Token);
        Assert.True(stored.Ok, stored.Error?.Message);
        var read = await client.RetrieveAsync(account, Namespaces.UserProfile, null, Token, node: stored.Info.Destination!.Ed25519);

        Assert.True(read.Ok, read.Error?.Message);
        Assert.Equal("skewed"u8.ToArray(), Assert.Single(read.Value!.Messages).Data);
        Assert.InRange(client.Clock.OffsetMs, -hours * Hour.TotalMilliseconds - 30_000, -hours * Hour.TotalMilliseconds + 30_000);
    }

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public async Task AClockThatJumpsIsCorrectedFromTheNodesInfoAfterA406AndTheRequestRetried(int hours)
    {
        await using var network = await OnionNetwork.StartAsync(6);
        var machine = new SkewedTime(TimeSpan.Zero);
        using var client = network.Client(machine, seed: 42);
        using var account = Ed25519KeyPair.Generate();
        var first = await client.StoreAsync(account.AccountId, Namespaces.UserProfile, "before"u8.ToArray(), TimeSpan.FromDays(1), account, Token);
        Assert.True(first.Ok, first.Error?.Message);

        // The machine's clock jumps an hour; the client's offset is still the old one, so its next signature is an hour off.
        machine.Skew = Hour * hours;
        var destination = network.NodeOf(first.Info.Destination!.Ed25519);
        using (var refused = await destination.PostRpcAsync(RetrieveRequest.Method,
            SignedRequests.Retrieve(account, Namespaces.UserProfile, client.Clock.NowMs()).ToJsonString(), Token))
        {
            // What the node answers such a signature: Session's text, with no t in it to take.
            Assert.Equal(RpcStatus.NotAcceptable, (int)refused.StatusCode);
            Assert.Equal(RpcContentTypes.Text, refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("retrieve timestamp too far from current time", await refused.Content.ReadAsStringAsync(Token));
        }
        var read = await client.RetrieveAsync(account, Namespaces.UserProfile, null, Token, node: first.Info.Destination.Ed25519);

        Assert.True(read.Ok, read.Error?.Message);
        Assert.True(read.Info.ClockCorrected, "the node answered 406 and the client took the time of its info");
        Assert.Equal(2, read.Info.Attempts);
        Assert.Single(read.Value!.Messages);
        Assert.InRange(client.Clock.OffsetMs, -hours * Hour.TotalMilliseconds - 30_000, -hours * Hour.TotalMilliseconds + 30_000);
    }

    /// <summary>The machine clock, off by <see cref="Skew"/>.</summary>
    private sealed class SkewedTime(TimeSpan skew) : TimeProvider
    {
        private long _skewTicks = skew.Ticks;

        public TimeSpan Skew
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));
            set => Interlocked.Exchange(ref _skewTicks, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Skew;
    }
}
