using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Push;
using Wisp.Push.Senders;
using Wisp.Push.Storage;

namespace Wisp.Push.Api;

/// <summary>
/// <c>POST /subscribe</c> and <c>POST /unsubscribe</c> as SPNS answers them: HTTP 200 with one reply object, or an
/// array of replies for an array of requests; every refusal is a reply with SPNS's code and words. Reached over plain
/// HTTP and through the v4 onion endpoint alike.
/// </summary>
internal sealed partial class PushApi(SubscriptionStore subscriptions, SenderSet senders, TimeProvider time, ILogger<PushApi> logger)
{
    /// <summary>Answers one request; <paramref name="body"/> is null when it had none.</summary>
    public PushResponse Handle(string method, string path, ReadOnlyMemory<byte>? body)
    {
        var subscribe = path == PushRoutes.Subscribe;
        if (!subscribe && path != PushRoutes.Unsubscribe)
            return PushResponse.Text(404, "Not Found");
        if (method != "POST")
            return PushResponse.Text(405, "Method Not Allowed");
        if (body is null)
            return One(PushReply.Failure(PushErrorCode.BadInput, "Invalid request: request body missing"));
        if (body.Value.Length > PushLimits.MaxRequestBytes)
            return TooLarge();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value);
        }
        catch (JsonException)
        {
            return One(PushReply.Failure(PushErrorCode.BadInput, "Invalid JSON"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                return One(PushReply.Failure(PushErrorCode.BadInput, "Invalid JSON: expected object or array of objects"));
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var replies = items.Select(item => Answer(item, subscribe)).ToList();
            return new PushResponse(200, PushResponse.Json, PushReply.ToJson(replies, root.ValueKind == JsonValueKind.Array));
        }
    }

    /// <summary>SPNS's reply to a body over <see cref="PushLimits.MaxRequestBytes"/> (the body is not read).</summary>
    public static PushResponse TooLarge() => One(PushReply.Failure(PushErrorCode.BadInput, "Invalid request: request too large"));

    private static PushResponse One(PushReply reply) => new(200, PushResponse.Json, PushReply.ToJson([reply], array: false));

    private PushReply Answer(JsonElement item, bool subscribe)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return PushReply.Failure(PushErrorCode.Error, $"[json.exception.type_error.304] cannot use at() with {KindName(item)}");
        try
        {
            return subscribe ? Subscribe(item) : Unsubscribe(item);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.RequestFailed(logger, exception);
            return PushReply.Failure(PushErrorCode.Error, PushReply.GenericError);
        }
    }

    private PushReply Subscribe(JsonElement item)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!SubscribeRequest.TryParse(item, senders.Offers, now, out var request, out var error))
            return error;
        var sender = senders.Find(request.Auth.Service)!;
        var service = sender.Validate(request.Auth.ServiceInfo);
        if (service.Error is { } refused)
            return refused;
        if (!Fits(service))
            return PushReply.Failure(PushErrorCode.Error, PushReply.GenericError);
        var added = subscriptions.Upsert(request, service.ServiceId, service.ServiceData);
        Log.Subscribed(logger, request.Auth.Service, added);
        return PushReply.Subscribed(added);
    }

    private PushReply Unsubscribe(JsonElement item)
    {
        if (!UnsubscribeRequest.TryParse(item, senders.Offers, out var request, out var error))
            return error;
        var service = senders.Find(request.Auth.Service)!.Validate(request.Auth.ServiceInfo);
        if (service.Error is { } refused)
            return refused;
        if (request.Check(time.GetUtcNow().ToUnixTimeSeconds()) is { } bad)
            return bad;
        return PushReply.Unsubscribed(subscriptions.Remove(request.Auth.Pubkey, request.Auth.Service, service.ServiceId));
    }

    /// <summary>SPNS's bounds on what a notifier names a device by (32–999 characters) and keeps for it.</summary>
    private static bool Fits(ServiceValidation service) =>
        service.ServiceId.Length is >= 32 and <= 999 && (service.ServiceData?.Length ?? 0) <= Limits.MaxServiceDataBytes;

    private static string KindName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "A subscription request failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Subscription to {Service} stored (new: {Added})")]
        public static partial void Subscribed(ILogger logger, string service, bool added);
    }
}
