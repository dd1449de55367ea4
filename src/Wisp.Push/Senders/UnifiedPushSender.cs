using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Push;
using Wisp.Push.Storage;

namespace Wisp.Push.Senders;

/// <summary>
/// UnifiedPush delivery (RFC 8030 style): <c>POST</c> of the raw sealed payload to the distributor's endpoint with
/// <c>TTL</c> (seconds the message still lives), <c>Urgency: high</c> and <c>Content-Type: application/octet-stream</c>;
/// no <c>Content-Encoding</c>, since the payload is already end-to-end encrypted with the subscriber's <c>enc_key</c>.
/// The service id is the hex BLAKE2b-256 of the endpoint, which is kept as the service data.
/// </summary>
internal sealed class UnifiedPushSender(HttpClient http, TimeProvider time, bool allowPrivate) : INotificationSender
{
    public string Service => PushRoutes.UnifiedPush;

    public ServiceValidation Validate(JsonElement serviceInfo)
    {
        if (serviceInfo.ValueKind != JsonValueKind.Object)
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid service_info: expected an object");
        if (!serviceInfo.TryGetProperty("endpoint", out var value))
            return ServiceValidation.MissingKey("endpoint");
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } endpoint)
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid endpoint: expected a URL string");
        if (endpoint.Length > PushLimits.MaxEndpointChars)
            return ServiceValidation.Fail(PushErrorCode.Error, $"Invalid endpoint: longer than {PushLimits.MaxEndpointChars} characters");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid endpoint: expected an absolute http or https URL");
        if (!allowPrivate && (uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && SenderHttp.IsPrivate(address))))
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid endpoint: this push server delivers only to public addresses");
        var id = Convert.ToHexStringLower(Blake2b.Hash(Encoding.UTF8.GetBytes(endpoint), 32));
        return ServiceValidation.Ok(id, endpoint);
    }

    public async Task<SendOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var ttl = Math.Clamp((delivery.ExpiryMs - time.GetUtcNow().ToUnixTimeMilliseconds()) / 1000, 0, PushLimits.MaxTtlSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.ServiceData) { Content = new ByteArrayContent(delivery.Payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation("TTL", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Urgency", "high");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return SendOutcome.FromStatus((int)response.StatusCode);
    }
}
