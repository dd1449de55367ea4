using System.Text.Json.Serialization;

namespace Wisp.Protocol.Push;

/// <summary><c>service_info</c> of a <c>unifiedpush</c> subscription: the distributor's endpoint URL (absolute http or https).</summary>
public sealed record UnifiedPushServiceInfo([property: JsonPropertyName("endpoint")] string Endpoint);

/// <summary>The <c>aps</c> object SPNS sends to Apple with every notification (the app replaces the text once decrypted).</summary>
public sealed record ApnsAlert(
    [property: JsonPropertyName("alert")] ApnsAlertText Alert,
    [property: JsonPropertyName("badge")] int Badge,
    [property: JsonPropertyName("sound")] string Sound,
    [property: JsonPropertyName("mutable-content")] int MutableContent,
    [property: JsonPropertyName("category")] string Category)
{
    /// <summary>SPNS's <c>BASE_APS</c>.</summary>
    public static ApnsAlert Base { get; } = new(new ApnsAlertText("Session", "You've got a new message"), 1, "default", 1, "SECRET");
}

/// <summary>The title and body of <see cref="ApnsAlert"/>.</summary>
public sealed record ApnsAlertText([property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("body")] string Body);

/// <summary>
/// The body SPNS posts to APNs (<c>POST /3/device/{token}</c>, <c>apns-push-type: alert</c>, <c>apns-priority: 10</c>):
/// <c>{"aps": BASE_APS, "spns": 1, "enc_payload": base64(payload)}</c>.
/// </summary>
public sealed record ApnsNotification(
    [property: JsonPropertyName("aps")] ApnsAlert Aps,
    [property: JsonPropertyName("spns")] int Spns,
    [property: JsonPropertyName("enc_payload")] string EncPayload);

/// <summary>The FCM HTTP v1 request (<c>POST /v1/projects/{project}/messages:send</c>) carrying SPNS's data payload.</summary>
public sealed record FirebaseSend([property: JsonPropertyName("message")] FirebaseMessage Message);

/// <summary>One FCM message: the device token, SPNS's data (<c>enc_payload</c>, <c>spns</c> as strings) and high priority.</summary>
public sealed record FirebaseMessage(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("data")] FirebaseData Data,
    [property: JsonPropertyName("android")] FirebaseAndroid Android);

/// <summary>SPNS's Firebase data payload: <c>{"enc_payload": base64(payload), "spns": "1"}</c>.</summary>
public sealed record FirebaseData(
    [property: JsonPropertyName("enc_payload")] string EncPayload,
    [property: JsonPropertyName("spns")] string Spns);

/// <summary>FCM's Android options: <c>{"priority": "high"}</c> so a sleeping device wakes.</summary>
public sealed record FirebaseAndroid([property: JsonPropertyName("priority")] string Priority);

/// <summary>The JSON shapes of the push API read and written by System.Text.Json.</summary>
[JsonSerializable(typeof(UnifiedPushServiceInfo))]
[JsonSerializable(typeof(ApnsNotification))]
[JsonSerializable(typeof(FirebaseSend))]
[JsonSerializable(typeof(string))]
public sealed partial class PushJsonContext : JsonSerializerContext;
