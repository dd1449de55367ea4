using System.Net.Http.Headers;
using System.Text.Json;
using Wisp.Protocol.Push;
using Wisp.Push.Storage;

namespace Wisp.Push.Senders;

/// <summary>
/// Apple's push service in SPNS's format: <c>service_info {"token": 64 hex}</c>; each notification is
/// <c>POST {base}/3/device/{token}</c> (HTTP/2) with <c>apns-push-type: alert</c>, <c>apns-priority: 10</c>,
/// <c>apns-topic</c> and <c>apns-expiration</c>, body <see cref="ApnsNotification"/>. A 410, or a 400
/// <c>BadDeviceToken</c>, removes the subscription (SPNS stops retrying those).
/// </summary>
internal sealed class ApnsSender(HttpClient http, ProviderOptions provider) : INotificationSender
{
    /// <summary>SPNS's <c>SPNS_APNS_VERSION</c>.</summary>
    public const int Version = 1;

    public string Service => PushRoutes.Apns;

    public ServiceValidation Validate(JsonElement serviceInfo)
    {
        if (serviceInfo.ValueKind != JsonValueKind.Object || !serviceInfo.TryGetProperty("token", out var value))
            return ServiceValidation.MissingKey("token");
        var token = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
        if (token.Length != 64)
            return ServiceValidation.Fail(PushErrorCode.Error, $"Invalid token: expected length-64 device token, not {token.Length}");
        if (!token.All(char.IsAsciiHexDigit))
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid token: expected a hex device token");
        return ServiceValidation.Ok(token, null);
    }

    public async Task<SendOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var body = new ApnsNotification(ApnsAlert.Base, Version, Convert.ToBase64String(delivery.Payload));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{provider.BaseUrl.TrimEnd('/')}/3/device/{delivery.ServiceId}")
        {
            Content = JsonContent(JsonSerializer.SerializeToUtf8Bytes(body, PushJsonContext.Default.ApnsNotification)),
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.TryAddWithoutValidation("apns-push-type", "alert");
        request.Headers.TryAddWithoutValidation("apns-priority", "10");
        request.Headers.TryAddWithoutValidation("apns-topic", provider.Topic);
        request.Headers.TryAddWithoutValidation("apns-expiration", (delivery.ExpiryMs / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (provider.BearerToken is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status == 400 && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("BadDeviceToken", StringComparison.Ordinal))
            return new SendOutcome(SendResult.Gone, "HTTP 400 BadDeviceToken");
        return SendOutcome.FromStatus(status);
    }

    internal static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
