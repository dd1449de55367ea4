using System.Net;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.NodeLinks;
using Wisp.Node.Tests.Onion.Support;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// Onion admission: a node's forwards are counted against that node's relay allowance at the next hop, apart from the
/// clients' per-address allowance, so one client cannot spend its guard's allowance there; a relay header that does
/// not prove a node of the directory counts for nothing. Two real nodes, a burst of 4 and a rate too slow to refill.
/// </summary>
public sealed class RelayAdmissionTests : IAsyncLifetime
{
    private const int Burst = 4;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
    private OnionNetwork _network = null!;

    public async ValueTask InitializeAsync() => _network = await OnionNetwork.StartAsync(
        2, options: options => options with { RateLimitPerSecond = 0.001, RateLimitBurst = Burst });

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task One_client_at_its_full_allowance_does_not_spend_its_guards_allowance_at_the_next_hop()
    {
        // Client A spends its whole burst at guard 0, every request relayed to node 1.
        for (var i = 0; i < Burst; i++)
            Assert.Equal(200, (await SendAsync(_network.Client, [0, 1])).Status);
        Assert.Equal(429, (await SendAsync(_network.Client, [0, 1])).Status);

        // Client B, from another address, still gets through the same guard to the same next node.
        using var other = _network.ClientFrom(IPAddress.Parse("127.0.0.10"));
        var (status, body) = await SendAsync(other, [0, 1]);

        Assert.Equal(200, status);
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task A_relay_header_not_signed_by_a_node_of_the_directory_is_limited_as_a_client()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var forged = new RelayCredential(stranger, TimeProvider.System).For(_network.Nodes[1].Host.Identity.Keys.PublicKey);
        using var client = _network.ClientFrom(IPAddress.Parse("127.0.0.11"));

        var statuses = new List<int>();
        for (var i = 0; i <= Burst; i++)
        {
            using var request = OnionRequestBuilder.Build(_network.Path(1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_network.Nodes[1].Url), NodeToNodeClient.Route))
            {
                Content = new ByteArrayContent(request.Body),
            };
            message.Headers.TryAddWithoutValidation(RelayCredential.Header, forged);
            using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task A_signed_relay_header_is_accepted_only_by_the_node_it_names_and_only_from_a_directory_node()
    {
        var guard = _network.Nodes[0].Host.Identity.Keys;
        var next = _network.Nodes[1].Host.Identity.Keys;
        var atNext = new RelayCredential(next, TimeProvider.System);
        var header = new RelayCredential(guard, TimeProvider.System).For(next.PublicKey);

        Assert.Equal(guard.PublicKey, atNext.Check(header, _ => true));
        Assert.Null(atNext.Check(header, _ => false));
        // Signed for node 1: node 0 (or any other) does not accept it.
        Assert.Null(new RelayCredential(guard, TimeProvider.System).Check(header, _ => true));
        // A signature with one bit flipped (replacing its last characters left it unchanged whenever its last byte was 0).
        var parts = header.Split(' ');
        var signature = Convert.FromBase64String(parts[2]);
        signature[0] ^= 1;
        Assert.Null(atNext.Check($"{parts[0]} {parts[1]} {Convert.ToBase64String(signature)}", _ => true));
    }

    private async Task<(int Status, string Body)> SendAsync(HttpClient client, int[] path)
    {
        using var request = OnionRequestBuilder.Build(_network.Path(path), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);
        using var response = await client.PostAsync(
            new Uri(new Uri(_network.Nodes[path[0]].Url), NodeToNodeClient.Route), new ByteArrayContent(request.Body),
            TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
