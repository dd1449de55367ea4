using System.Net.Http.Headers;
using System.Text.Json;
using Wisp.Protocol.Push;
using Wisp.Push.Storage;

namespace Wisp.Push.Senders;

/// <summary>
/// Firebase Cloud Messaging with SPNS's data payload: <c>service_info {"token": …}</c>; each notification is FCM's
/// HTTP v1 <c>POST {base}/v1/projects/{project}/messages:send</c> with <see cref="FirebaseSend"/> (<c>enc_payload</c>
/// and <c>spns</c> as data, Android priority high). A 404 (<c>UNREGISTERED</c>) removes the subscription.
/// </summary>
internal sealed class FirebaseSender(HttpClient http, ProviderOptions provider) : INotificationSender
{
    /// <summary>SPNS's <c>SPNS_FIREBASE_VERSION</c>.</summary>
    public const int Version = 1;

    public string Service => PushRoutes.Firebase;

    public ServiceValidation Validate(JsonElement serviceInfo)
    {
        if (serviceInfo.ValueKind != JsonValueKind.Object || !serviceInfo.TryGetProperty("token", out var value))
            return ServiceValidation.MissingKey("token");
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } token)
            return ServiceValidation.Fail(PushErrorCode.Error, "Invalid firebase device token");
        return ServiceValidation.Ok(token, null);
    }

    public async Task<SendOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var body = new FirebaseSend(new FirebaseMessage(
            delivery.ServiceId,
            new FirebaseData(Convert.ToBase64String(delivery.Payload), Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new FirebaseAndroid("high")));
        var url = $"{provider.BaseUrl.TrimEnd('/')}/v1/projects/{Uri.EscapeDataString(provider.Topic)}/messages:send";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = ApnsSender.JsonContent(JsonSerializer.SerializeToUtf8Bytes(body, PushJsonContext.Default.FirebaseSend)),
        };
        if (provider.BearerToken is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        return SendOutcome.FromStatus((int)response.StatusCode);
    }
}
