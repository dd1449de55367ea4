using System.Text.Json;
using Wisp.Protocol.Push;
using Wisp.Push.Storage;

namespace Wisp.Push.Senders;

/// <summary>
/// One notification service (SPNS's notifiers): it checks a subscription's <c>service_info</c> and names the device by a
/// service id (unique per account and service), and it delivers a sealed payload to that device.
/// </summary>
internal interface INotificationSender
{
    /// <summary>The <c>service</c> value it serves.</summary>
    string Service { get; }

    /// <summary>Checks <c>service_info</c>: the device's id and data, or the reply SPNS's notifier gives.</summary>
    ServiceValidation Validate(JsonElement serviceInfo);

    /// <summary>Delivers one notification; what happened decides between done, retry, removal and dead letter.</summary>
    Task<SendOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>A <c>service_info</c> check: on success the service id (≥ 32 characters, as SPNS requires) and data to keep.</summary>
internal sealed record ServiceValidation(PushReply? Error, string ServiceId, string? ServiceData)
{
    public static ServiceValidation Ok(string serviceId, string? serviceData) => new(null, serviceId, serviceData);

    public static ServiceValidation Fail(PushErrorCode code, string message) => new(PushReply.Failure(code, message), "", null);

    /// <summary>SPNS's notifier answer to a missing <c>service_info</c> key (Python's <c>KeyError</c> text).</summary>
    public static ServiceValidation MissingKey(string key) => Fail(PushErrorCode.BadInput, $"Error: missing required key '{key}'");
}

/// <summary>What one delivery attempt came to.</summary>
internal enum SendResult
{
    /// <summary>The service took it.</summary>
    Delivered,

    /// <summary>A temporary failure (5xx, 429, timeout, connection refused): try again later.</summary>
    Retry,

    /// <summary>The device or endpoint is gone (404, 410, an unregistered token): remove the subscription.</summary>
    Gone,

    /// <summary>The service refused this notification for good (another 4xx): a dead letter at once.</summary>
    Rejected,
}

/// <summary>A delivery attempt's result and, for the log and dead letters, what the service said.</summary>
internal sealed record SendOutcome(SendResult Result, string Detail)
{
    /// <summary>The usual reading of an HTTP status: 2xx delivered, 404/410 gone, 408/429/5xx retry, other 4xx rejected.</summary>
    public static SendOutcome FromStatus(int status) => new(status switch
    {
        >= 200 and < 300 => SendResult.Delivered,
        404 or 410 => SendResult.Gone,
        408 or 429 or >= 500 => SendResult.Retry,
        _ => SendResult.Rejected,
    }, $"HTTP {status}");
}
