using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Onion;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// A relay hop passes the next node's answer on as it arrives instead of holding it whole: the client reads the first
/// part while the next node still holds back the rest, and the relay's in-flight budget never holds the answer.
/// </summary>
public sealed class RelayStreamingTests : IAsyncLifetime
{
    private const int Half = 1024 * 1024;
    private OnionNetwork _network = null!;
    private WebApplication _nextNode = null!;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask InitializeAsync()
    {
        _network = await OnionNetwork.StartAsync(1, new OnionRelayOptions { NodeTimeout = _ => TimeSpan.FromSeconds(20) });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _nextNode = builder.Build();
        // A next node whose answer comes in two halves, the second only once the test says so.
        _nextNode.Run(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(Pattern(0, Half), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(Pattern(Half, Half), context.RequestAborted);
        });
        await _nextNode.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _nextNode.DisposeAsync();
        await _network.DisposeAsync();
    }

    [Fact]
    public async Task The_client_reads_the_first_part_of_a_relayed_answer_before_the_next_node_has_sent_the_rest()
    {
        var port = new Uri(_nextNode.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var next = OnionTarget.Random();
        _network.Directory.Add(new NextHop(next.Ed25519, next.X25519, new Uri($"http://127.0.0.1:{port}")));
        using var request = OnionRequestBuilder.Build(
            [_network.Target(0), next], OnionRequestBuilder.ForDestination(Encoding.UTF8.GetBytes("{}")), [OnionEncryptionType.XChaCha20]);
        var token = TestContext.Current.CancellationToken;

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_network.Nodes[0].Url), NodeToNodeClient.Route))
        {
            Content = new ByteArrayContent(request.Body),
        };
        using var response = await _network.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(token);
        var first = new byte[Half];
        await body.ReadExactlyAsync(first, token);

        // Only now may the next node finish: a relay that held the whole answer would still be waiting for it.
        Assert.Equal(Pattern(0, Half), first);
        var budget = _network.Nodes[0].Host.Services.GetRequiredService<BodyBudget>();
        Assert.InRange(budget.Peak, 1, Half / 2);
        _release.SetResult();
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest, token);
        Assert.Equal(Pattern(Half, Half), rest.ToArray());
        Assert.InRange(budget.Peak, 1, Half / 2);
    }

    private static byte[] Pattern(int offset, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)((offset + i) * 31 >> 3);
        return bytes;
    }
}
