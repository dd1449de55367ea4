using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Push;

/// <summary>
/// <c>POST /subscribe</c> (SPNS): the shared fields (<see cref="PushAuth"/>) plus <c>namespaces</c> (ints, sorted
/// ascending, no duplicates, at least one), <c>data</c> (bool: include message bodies) and <c>enc_key</c> (32 bytes the
/// notifications are encrypted with). <c>signature</c> signs <see cref="PushSigning.Monitor"/>; <c>sig_ts</c> must be
/// after now − 14 days and before now + 24 h. Reply: <see cref="PushReply.Subscribed"/> or an error.
/// </summary>
public sealed record SubscribeRequest(PushAuth Auth, IReadOnlyList<short> Namespaces, bool WantData, byte[] EncKey)
{
    /// <summary>Bytes of <c>enc_key</c>.</summary>
    public const int EncKeyBytes = 32;

    /// <summary>
    /// Reads and checks one subscription in SPNS's order: the shared fields, whether <paramref name="serviceOffered"/>,
    /// <c>enc_key</c>, <c>namespaces</c>, <c>data</c>, then namespaces order, <c>sig_ts</c> against
    /// <paramref name="nowSeconds"/>, and the signature. The service's own <c>service_info</c> check comes after.
    /// </summary>
    public static bool TryParse(
        JsonElement obj, Func<string, bool> serviceOffered, long nowSeconds,
        [NotNullWhen(true)] out SubscribeRequest? request, [NotNullWhen(false)] out PushReply? error)
    {
        ArgumentNullException.ThrowIfNull(serviceOffered);
        request = null;
        if (!PushAuth.TryRead(obj, out var auth, out error))
            return false;
        if (!serviceOffered(auth.Service))
        {
            error = PushReply.Failure(PushErrorCode.ServiceNotAvailable, auth.Service + " notification service not currently available");
            return false;
        }
        if (!PushJson.TryBytes(obj, "enc_key", EncKeyBytes, out var encKey, out error)
            || !TryNamespaces(obj, out var namespaces, out error)
            || !PushJson.TryBool(obj, "data", out var wantData, out error))
            return false;
        if (CheckSubscription(namespaces, auth.SigTs, nowSeconds) is { } problem)
        {
            error = PushReply.Failure(PushErrorCode.Error, problem);
            return false;
        }
        if (auth.VerifySignature(PushSigning.Monitor(auth.Pubkey, auth.SigTs, wantData, namespaces)) is { } bad)
        {
            error = PushReply.Failure(PushErrorCode.Error, bad);
            return false;
        }
        request = new SubscribeRequest(auth, namespaces, wantData, encKey);
        return true;
    }

    /// <summary>The subscription's own rules (SPNS's <c>Subscription</c> constructor); null when it may be kept.</summary>
    public static string? CheckSubscription(IReadOnlyList<short> namespaces, long sigTs, long nowSeconds)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        if (namespaces.Count == 0)
            return "Subscription: namespaces missing or empty";
        for (var i = 0; i + 1 < namespaces.Count; i++)
        {
            if (namespaces[i] > namespaces[i + 1]) return "Subscription: namespaces are not sorted numerically";
            if (namespaces[i] == namespaces[i + 1]) return "Subscription: namespaces contains duplicates";
        }
        if (sigTs == 0)
            return "Subscription: signature timestamp is missing";
        if (sigTs <= nowSeconds - (long)PushLimits.SubscriptionLife.TotalSeconds)
            return "Subscription: sig_ts timestamp is too old";
        if (sigTs >= nowSeconds + (long)PushLimits.FutureTolerance.TotalSeconds)
            return "Subscription: sig_ts timestamp is too far in the future";
        return null;
    }

    private static bool TryNamespaces(JsonElement obj, [NotNullWhen(true)] out short[]? namespaces, [NotNullWhen(false)] out PushReply? error)
    {
        namespaces = null;
        if (!PushJson.TryField(obj, "namespaces", out var element, out error))
            return false;
        if (element.ValueKind != JsonValueKind.Array)
            return PushJson.TypeError("array", element, out error);
        if (element.GetArrayLength() > PushLimits.MaxNamespaces)
        {
            error = PushReply.Failure(PushErrorCode.Error, $"Invalid value: at most {PushLimits.MaxNamespaces} namespaces");
            return false;
        }
        var list = new short[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
                return PushJson.TypeError("number", item, out error);
            if (!item.TryGetInt16(out list[i++]))
            {
                // SPNS's JSON library would wrap such a number silently; Wisp refuses it.
                error = PushReply.Failure(PushErrorCode.Error, "Invalid value: namespaces must be integers from -32768 to 32767");
                return false;
            }
        }
        namespaces = list;
        return true;
    }

    /// <summary>The request body (one object, bytes as hex), as a client sends it.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Auth.WriteFields(writer);
            writer.WriteStartArray("namespaces");
            foreach (var ns in Namespaces) writer.WriteNumberValue(ns);
            writer.WriteEndArray();
            writer.WriteBoolean("data", WantData);
            writer.WriteString("enc_key", Convert.ToHexStringLower(EncKey));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
