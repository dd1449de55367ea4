using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Onion;

/// <summary>Next hops looked up in the node registry by Ed25519 key.</summary>
public sealed class RegistryNextHopDirectoryTests
{
    [Fact]
    public void An_empty_registry_is_not_ready_and_knows_no_node()
    {
        var directory = new RegistryNextHopDirectory(new LedgerRegistry());

        Assert.False(directory.IsReady);
        Assert.False(directory.TryFind(OnionTarget.Random().Ed25519, out _));
    }

    [Fact]
    public void An_active_node_is_found_at_its_https_url_and_a_node_that_left_is_not()
    {
        var registry = new LedgerRegistry();
        var directory = new RegistryNextHopDirectory(registry);
        using var node = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();
        registry.Append(new NodeJoin(node.PublicKey, node.X25519PublicKey, "127.0.0.1", 22021, "0.1.0"));
        registry.Append(new NodeJoin(other.PublicKey, other.X25519PublicKey, "::1", 443, "0.1.0"));

        Assert.True(directory.IsReady);
        Assert.True(directory.TryFind(node.PublicKey, out var hop));
        Assert.Equal(new Uri("https://127.0.0.1:22021"), hop.BaseUrl);
        Assert.Equal(node.X25519PublicKey, hop.X25519);
        Assert.Null(hop.CertificateSha256);
        Assert.True(directory.TryFind(other.PublicKey, out var ipv6));
        Assert.Equal(new Uri("https://[::1]:443"), ipv6.BaseUrl);
        Assert.False(directory.TryFind(OnionTarget.Random().Ed25519, out _));

        registry.Append(new NodeLeave(node.PublicKey));

        Assert.False(directory.TryFind(node.PublicKey, out _));
    }

    [Fact]
    public async Task Nodes_that_share_a_registry_relay_through_each_other()
    {
        var registry = new LedgerRegistry();
        var nodes = new List<TestNode>();
        try
        {
            for (var i = 0; i < 3; i++)
                nodes.Add(await TestNode.StartAsync(configure: builder => builder.Services.AddSingleton<INodeRegistry>(registry)));
            foreach (var node in nodes)
            {
                var keys = node.Host.Identity.Keys;
                registry.Append(new NodeJoin(keys.PublicKey, keys.X25519PublicKey, "127.0.0.1", node.Port, "0.1.0"));
            }
            Assert.IsType<RegistryNextHopDirectory>(nodes[0].Host.Services.GetRequiredService<INextHopDirectory>());

            var path = nodes.Select(node => OnionTarget.Of(node.Host.Identity.Keys)).ToList();
            var rpc = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
            using var request = OnionRequestBuilder.Build(path, OnionRequestBuilder.ForDestination(rpc), [OnionEncryptionType.XChaCha20]);
            using var response = await nodes[0].Http.PostAsync(NodeToNodeClient.Route, new ByteArrayContent(request.Body), TestContext.Current.CancellationToken);

            Assert.Equal(200, (int)response.StatusCode);
            var reply = OnionRequestBuilder.OpenBase64(request.LastKey, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(200, JsonDocument.Parse(reply).RootElement.GetProperty("status").GetInt32());
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_whose_registry_is_empty_answers_503()
    {
        await using var node = await TestNode.StartAsync(configure: builder => builder.Services.AddSingleton<INodeRegistry>(new LedgerRegistry()));
        using var request = OnionRequestBuilder.Build([OnionTarget.Of(node.Host.Identity.Keys)],
            OnionRequestBuilder.ForDestination("""{"method":"info","params":{}}"""u8.ToArray()), [OnionEncryptionType.AesGcm]);

        using var response = await node.Http.PostAsync(NodeToNodeClient.Route, new ByteArrayContent(request.Body), TestContext.Current.CancellationToken);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(OnionErrors.NotReady(node.Host.Identity.Keys.PublicKey), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
