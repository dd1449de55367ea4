using System.Net;
using System.Text.Json;
using Wisp.Node.Hosting;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeHostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_on_port_0_serves_info_over_https_and_records_where_it_listens()
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.PostRpcAsync("info", "{}", Token);
        var run = NodeRunFile.TryRead(node.DataDirectory);

        Assert.NotEqual(0, node.Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(run);
        Assert.Equal(node.Url, run.Url);
        Assert.Equal(node.Host.Identity.Keys.PublicKey.ToHex(), run.Ed25519);
    }

    [Fact]
    public async Task A_node_listens_on_ipv6_loopback()
    {
        await using var node = await TestNode.StartAsync(options => options with { Host = "::1" });

        using var response = await node.PostRpcAsync("info", "{}", Token);

        Assert.StartsWith("https://[::1]:", node.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Identity_and_certificate_are_made_once_and_reused_across_restarts()
    {
        var first = await TestNode.StartAsync();
        var key = first.Host.Identity.Keys.PublicKey.ToHex();
        var thumbprint = first.Host.Certificate.Thumbprint;
        var pfx = Path.Combine(first.DataDirectory, NodeCertificate.FileName);

        await using var second = await first.RestartAsync();

        Assert.Equal(key, second.Host.Identity.Keys.PublicKey.ToHex());
        Assert.Equal(thumbprint, second.Host.Certificate.Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
    }

    [Fact]
    public async Task A_message_stored_over_https_is_still_there_after_a_restart()
    {
        var first = await TestNode.StartAsync();
        var owner = Messages.RandomAccount();
        using var stored = await first.PostRpcAsync("store", Messages.StoreParams(owner, [7, 7, 7], Messages.NowMs()), Token);
        var hash = JsonDocument.Parse(await stored.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("hash").GetString();

        await using var second = await first.RestartAsync();
        var retrieved = await second.Store.RetrieveAsync(owner, 0, null, 10, 1_000_000, Messages.NowMs(), Token);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var message = Assert.Single(retrieved.Messages);
        Assert.Equal(hash, message.Hash);
        Assert.Equal(new byte[] { 7, 7, 7 }, message.Data);
    }

    [Fact]
    public async Task A_taken_port_is_reported_as_such()
    {
        await using var node = await TestNode.StartAsync();
        using var directory = new TempDirectory();

        var exception = await Assert.ThrowsAsync<NodeStartException>(
            () => WispNodeHost.StartAsync(TestNode.DefaultOptions(directory.Path) with { Port = node.Port }, Token));

        Assert.Contains("already in use", Assert.Single(exception.Problems));
    }

    [Fact]
    public async Task A_full_node_answers_stores_with_sessions_query_failure_entry()
    {
        await using var node = await TestNode.StartAsync(options => options with { StorageCapBytes = 1024 * 1024 });
        var owner = Messages.RandomAccount();
        var big = new byte[70_000];
        var full = false;
        for (var i = 0; i < 20 && !full; i++)
        {
            big[0] = (byte)i;
            using var response = await node.PostRpcAsync("store", Messages.StoreParams(owner, big, Messages.NowMs()), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var swarm = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("swarm");
            full = swarm.EnumerateObject().Single().Value.TryGetProperty("query_failure", out _);
        }

        Assert.True(full);
        Assert.Equal(1, node.Host.Services.GetService(typeof(SqliteMessageStore)) is SqliteMessageStore store ? store.Counters.RejectedFullTotal : -1);
    }
}
