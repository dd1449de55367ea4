using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Node.Rpc;
using Wisp.Testing;

namespace Wisp.Node.Tests.Hosting;

/// <summary>
/// What the HTTP edge answers itself around the storage RPC, in Session's storage server's words (<c>server/https.cpp</c>,
/// <c>request_handler.cpp</c>): <c>GET /get_stats/v1</c>, and plain-text 503 and 500 when handling a request fails.
/// </summary>
public sealed class EdgeAnswerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_stats_answers_the_storage_server_version_as_json()
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.Http.GetAsync("/get_stats/v1", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"version":"2.8.0"}""", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_store_closed_under_a_request_is_503_not_ready_shutting_down_in_plain_text()
    {
        await using var node = await StartFailingAsync(new ObjectDisposedException("store"));

        using var response = await node.PostRpcAsync("info", "{}", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Service node is not ready: shutting down\n", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Any_other_failure_is_500_request_failed_without_its_details()
    {
        await using var node = await StartFailingAsync(new InvalidOperationException("secret internals"));

        using var response = await node.PostRpcAsync("info", "{}", Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("request failed", await response.Content.ReadAsStringAsync(Token));
    }

    private static Task<TestNode> StartFailingAsync(Exception failure) =>
        TestNode.StartAsync(configure: builder => builder.Services.AddSingleton<IStorageRpc>(new FailingRpc(failure)));

    private sealed class FailingRpc(Exception failure) : IStorageRpc
    {
        public Task<RpcResponse> HandleAsync(ReadOnlyMemory<byte> body, RpcCaller caller, CancellationToken cancellationToken) =>
            Task.FromException<RpcResponse>(failure);
    }
}
