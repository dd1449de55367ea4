using System.Text;
using System.Text.Json;
using Wisp.Crypto.Onion;
using Wisp.Node.Admission;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// A storage request inside an onion layer meets the same bounds as one POSTed directly: the body cap, and a 400 for
/// bytes that are not UTF-8. One real node is guard and destination (a one-hop path).
/// </summary>
public sealed class OnionRequestBoundsTests : IAsyncLifetime
{
    private const int DirectBodyCap = Limits.MaxRequestBodyBytes;
    private OnionNetwork _network = null!;

    public async ValueTask InitializeAsync() => _network = await OnionNetwork.StartAsync(1);

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    // Directly, the edge refuses such a body before reading it, with this status and text (HttpAdmissionTests).
    [Fact]
    public async Task A_body_over_the_direct_cap_is_refused_inside_an_onion_layer_as_it_is_directly()
    {
        var (status, text) = await ThroughOnionAsync(Padded("""{"method":"info","params":{}}""", DirectBodyCap + 1));

        Assert.Equal((413, EdgeRefusals.BodyTooLarge), (status, text));
    }

    [Fact]
    public async Task A_body_at_the_direct_cap_is_served_inside_an_onion_layer()
    {
        var (status, _) = await ThroughOnionAsync(Padded("""{"method":"info","params":{}}""", DirectBodyCap));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Invalid_utf8_inside_an_onion_layer_is_400_invalid_json()
    {
        var body = Encoding.Latin1.GetBytes("{\"method\":\"get_swarm\",\"params\":{\"pubkey\":\"05\u00FF\"}}");

        Assert.Equal((400, "invalid json"), await ThroughOnionAsync(body));
    }

    /// <summary><paramref name="json"/> followed by spaces up to <paramref name="length"/> bytes: still one valid JSON body.</summary>
    private static byte[] Padded(string json, int length)
    {
        var body = new byte[length];
        body.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes(json, body);
        return body;
    }

    /// <summary>Sends <paramref name="rpc"/> to node 0 as the destination of a one-hop path; the inner status and body text.</summary>
    private async Task<(int Status, string Body)> ThroughOnionAsync(byte[] rpc)
    {
        using var request = OnionRequestBuilder.Build(_network.Path(0), OnionRequestBuilder.ForDestination(rpc), [OnionEncryptionType.XChaCha20]);
        var (status, body) = await _network.SendAsync(0, request.Body);
        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        var inner = reply.GetProperty("body");
        return (reply.GetProperty("status").GetInt32(), inner.ValueKind == JsonValueKind.String ? inner.GetString()! : inner.GetRawText());
    }
}
