using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Push;

/// <summary>
/// <c>POST /unsubscribe</c> (SPNS): the shared fields only (<see cref="PushAuth"/>). <c>signature</c> signs
/// <see cref="PushSigning.Unsubscribe"/>; <c>sig_ts</c> must be within 24 h of now either way. Reply:
/// <see cref="PushReply.Unsubscribed"/> (<c>removed</c> false when there was nothing to remove) or an error.
/// </summary>
public sealed record UnsubscribeRequest(PushAuth Auth)
{
    /// <summary>Reads one unsubscription: the shared fields, then whether <paramref name="serviceOffered"/>.</summary>
    public static bool TryParse(
        JsonElement obj, Func<string, bool> serviceOffered,
        [NotNullWhen(true)] out UnsubscribeRequest? request, [NotNullWhen(false)] out PushReply? error)
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
        request = new UnsubscribeRequest(auth);
        return true;
    }

    /// <summary>
    /// The checks SPNS makes after the service named the device: <c>sig_ts</c> within the grace (SPNS answers a stale one
    /// with its generic error) and the signature. Null when the unsubscription may go ahead.
    /// </summary>
    public PushReply? Check(long nowSeconds)
    {
        var grace = (long)PushLimits.UnsubscribeGrace.TotalSeconds;
        if (Auth.SigTs < nowSeconds - grace || Auth.SigTs > nowSeconds + grace)
            return PushReply.Failure(PushErrorCode.Error, PushReply.GenericError);
        return Auth.VerifySignature(PushSigning.Unsubscribe(Auth.Pubkey, Auth.SigTs)) is { } bad
            ? PushReply.Failure(PushErrorCode.Error, bad)
            : null;
    }

    /// <summary>The request body (one object, bytes as hex), as a client sends it.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Auth.WriteFields(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
