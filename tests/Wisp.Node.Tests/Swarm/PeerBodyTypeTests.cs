using System.Text;
using Wisp.Node.NodeLinks;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Peering;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>A signed node-to-node body whose fields have the wrong type is the caller's mistake: 400 with a sentence, never 500.</summary>
public sealed class PeerBodyTypeTests : IAsyncLifetime
{
    private readonly SwarmNetwork _network = new();
    private TestNode _caller = null!;
    private TestNode _callee = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _caller = await _network.AddNodeAsync();
        _callee = await _network.AddNodeAsync();
        await _network.SettleAsync();
    }

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Theory]
    [InlineData(SyncRequest.Route, """{"after_id":"0"}""")]
    [InlineData(SyncRequest.Route, """{"after_id":0.5}""")]
    [InlineData(SyncRequest.Route, """{"after_id":0,"max_count":"10"}""")]
    [InlineData(SyncRequest.Route, """{"after_id":0,"max_count":1e400}""")]
    [InlineData(SyncRequest.Route, """{"after_id":null}""")]
    [InlineData(SyncRequest.Route, """{"after_id":[0]}""")]
    [InlineData(SyncRequest.Route, """[0]""")]
    [InlineData(FetchRequest.Route, """{"ids":"1"}""")]
    [InlineData(FetchRequest.Route, """{"ids":{"0":1}}""")]
    [InlineData(FetchRequest.Route, """{"ids":[true]}""")]
    [InlineData(FetchRequest.Route, """{"ids":[[1]]}""")]
    [InlineData(FetchRequest.Route, """{"ids":[1.5]}""")]
    [InlineData(PushRequest.Route, """{"messages":[{"id":"1"}]}""")]
    [InlineData(PushRequest.Route, """{"messages":[{"id":1,"owner":"\ud800"}]}""")]
    [InlineData(PushRequest.Route, """{"messages":{"id":1}}""")]
    public async Task A_wrongly_typed_field_is_400_with_a_sentence(string route, string body)
    {
        using var client = new PeerClient(_caller.Host.Identity.Keys, TimeProvider.System);
        var record = _network.Authority.Current.FindNode(SwarmNetwork.KeyOf(_callee))!;

        var answer = await client.PostAsync(record, route, Encoding.UTF8.GetBytes(body), TimeSpan.FromSeconds(30), Token);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith(route[(route.LastIndexOf('/') + 1)..] + ": ", Encoding.UTF8.GetString(answer.Body));
    }
}
