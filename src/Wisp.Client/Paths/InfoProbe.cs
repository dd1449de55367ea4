using System.Text;
using System.Text.Json;
using Wisp.Client.Transport;

namespace Wisp.Client.Paths;

/// <summary>
/// Tests a guard candidate with a direct HTTPS <c>info</c> call (Session tests guards with a direct request too): the
/// node must answer 200 with a JSON body carrying its clock <c>t</c>, within <see cref="ClientLimits.GuardTestTimeout"/>.
/// The <c>t</c> feeds the client's <see cref="NetworkClock"/>. The call carries nothing about the account; the guard
/// learns the client's address, which every guard learns anyway.
/// </summary>
public sealed class InfoProbe(HttpClient http, NetworkClock clock, TimeProvider time) : INodeProbe
{
    private static readonly byte[] InfoBody = Encoding.UTF8.GetBytes("{\"method\":\"info\",\"params\":{}}");

    /// <inheritdoc/>
    public async Task<bool> TestAsync(ServiceNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var deadline = new CancellationTokenSource(ClientLimits.GuardTestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var content = new ByteArrayContent(InfoBody) { Headers = { ContentType = new("application/json") } };
            using var response = await http.PostAsync(new Uri(node.BaseUrl, "/storage_rpc/v1"), content, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > 64 * 1024)
                return false;
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("t", out var t)
                && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) && clock.Observe(ms);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            return false;
        }
    }
}
