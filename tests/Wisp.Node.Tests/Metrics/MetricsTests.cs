using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wisp.Node.Metrics;
using Wisp.Testing;

namespace Wisp.Node.Tests.Metrics;

public sealed class MetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{\"method\":\"store\",\"params\":{}}", "store")]
    [InlineData("{\"params\":{\"a\":[1,{\"method\":\"x\"}]},\"method\":\"retrieve\"}", "retrieve")]
    [InlineData("{\"method\":\"made_up_by_a_client\"}", MethodLabel.Other)]
    [InlineData("{\"method\":42}", MethodLabel.Other)]
    [InlineData("{\"method\":", MethodLabel.Other)]
    [InlineData("garbage", MethodLabel.Other)]
    public void The_method_label_is_a_known_method_or_other(string body, string expected) =>
        Assert.Equal(expected, MethodLabel.Of(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task Metrics_count_requests_by_method_and_status_and_stored_messages()
    {
        await using var node = await TestNode.StartAsync();
        using (await node.PostRpcAsync("store", Messages.StoreParams(Messages.RandomAccount(), new byte[40], Messages.NowMs()), Token)) { }
        using (await node.PostRawAsync("nonsense", Token)) { }

        var text = await node.Http.GetStringAsync("/metrics", Token);

        Assert.Contains("wisp_requests_total{method=\"store\",status=\"200\"} 1\n", text);
        Assert.Contains("wisp_requests_total{method=\"other\",status=\"400\"} 1\n", text);
        Assert.Contains("# TYPE wisp_messages gauge\nwisp_messages 1\n", text);
        Assert.Contains("\nwisp_message_bytes 40\n", text);
        Assert.Contains("\nwisp_messages_stored_total 1\n", text);
    }

    [Fact]
    public async Task Status_reports_identity_and_counts_as_json()
    {
        await using var node = await TestNode.StartAsync();
        using (await node.PostRpcAsync("store", Messages.StoreParams(Messages.RandomAccount(), new byte[40], Messages.NowMs()), Token)) { }

        var status = await node.Http.GetFromJsonAsync<NodeStatus>("/status", new JsonSerializerOptions(JsonSerializerDefaults.Web), Token);

        Assert.NotNull(status);
        Assert.Equal(node.Host.Identity.Keys.PublicKey.ToHex(), status.Ed25519);
        Assert.Equal(node.Url, status.Url);
        Assert.Equal((1L, 40L, 1L), (status.Messages, status.DataBytes, status.Owners));
        Assert.Contains(status.Requests, count => count is { Method: "store", Status: 200, Count: 1 });
    }

    [Fact]
    public async Task Metrics_are_refused_to_non_loopback_callers_by_default()
    {
        // The node listens on every IPv4 interface; this machine's non-loopback address, if it has one, is a remote caller.
        var external = (await Dns.GetHostAddressesAsync(Dns.GetHostName(), Token))
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        Assert.SkipWhen(external is null, "this machine has no non-loopback IPv4 address");
        await using var node = await TestNode.StartAsync(options => options with { Host = "0.0.0.0" });
        using var http = new HttpClient(Wisp.Node.Hosting.CertificatePin.CreateHandler(node.Host.Certificate));

        using var remote = await http.GetAsync($"https://{external}:{node.Port}/metrics", Token);
        using var local = await http.GetAsync($"https://127.0.0.1:{node.Port}/metrics", Token);

        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }
}
