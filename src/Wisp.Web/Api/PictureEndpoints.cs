using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// Profile pictures (Session's display picture: an image on the file server, its URL and key in the profile): this
/// account's (set, remove, show), a contact's and a group's (show; a group's set by its admins). The SDK's part is
/// <see cref="AttachmentCalls"/>.
/// </summary>
internal static class PictureEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/account/picture", (HttpContext context, WebSession session) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            return TryPicture(context, out var info, out var error)
                ? AttachmentCalls.SetPictureAsync(session, client, null, info!, context.Request.Body, context.RequestAborted)
                : Task.FromResult(error!);
        });
        api.MapPut("/groups/{id}/picture", (HttpContext context, string id, WebSession session) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            if (!ApiResults.TryGroup(id, out var group, out var error))
                return Task.FromResult(error);
            return TryPicture(context, out var info, out error)
                ? AttachmentCalls.SetPictureAsync(session, client, group, info!, context.Request.Body, context.RequestAborted)
                : Task.FromResult(error!);
        });
        api.MapDelete("/account/picture", (WebSession session) => ConversationEndpoints.WithClient(session, AttachmentCalls.RemovePicture));
        api.MapGet("/account/picture", (WebSession session, CancellationToken cancellationToken) => session.Client is { } client
            ? AttachmentCalls.PictureAsync(client, client.AccountId.Hex, cancellationToken)
            : Task.FromResult(ApiResults.Locked()));
        api.MapGet("/contacts/{peer}/picture", (string peer, WebSession session, CancellationToken cancellationToken) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            return ApiResults.TryPeer(peer, out var id, out var error)
                ? AttachmentCalls.PictureAsync(client, id.Hex, cancellationToken)
                : Task.FromResult(error);
        });
        api.MapGet("/groups/{id}/picture", (string id, WebSession session, CancellationToken cancellationToken) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            return ApiResults.TryGroup(id, out var group, out var error)
                ? AttachmentCalls.PictureAsync(client, group, cancellationToken)
                : Task.FromResult(error);
        });
    }

    /// <summary>A picture upload: within <see cref="WebLimits.MaxPictureBytes"/> and one of the shown image types (else 415).</summary>
    private static bool TryPicture(HttpContext context, out UploadInfo? info, out IResult? error)
    {
        if (!UploadBody.TryAccept(context, WebLimits.MaxPictureBytes, named: false, out info, out error))
            return false;
        if (info!.IsImage)
            return true;
        error = ApiResults.Error(StatusCodes.Status415UnsupportedMediaType,
            $"a profile picture is a PNG, JPEG, WebP or GIF image (say which in {UploadBody.FileTypeHeader}); got '{info.ContentType}'.");
        return false;
    }
}
