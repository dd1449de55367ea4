using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// Attachments (issue 15): a file sent to a chat (its bytes streamed from the request to the SDK), the transfers
/// running, fetching a received file and serving it decrypted. Input is checked here; the SDK's part is
/// <see cref="AttachmentCalls"/>.
/// </summary>
internal static partial class AttachmentEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/conversations/{peer}/attachments", (HttpContext context, string peer, WebSession session, WebTransfers transfers) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            if (!ApiResults.TryPeer(peer, out var id, out var error))
                return Task.FromResult(error);
            return UploadBody.TryAccept(context, WebLimits.MaxUploadBytes, named: true, out var info, out error)
                ? AttachmentCalls.SendAsync(session, transfers, client, id.Hex, info!, context.Request.Body, context.RequestAborted)
                : Task.FromResult(error!);
        });
        api.MapPost("/groups/{id}/attachments", (HttpContext context, string id, WebSession session, WebTransfers transfers) =>
        {
            if (session.Client is not { } client)
                return Task.FromResult(ApiResults.Locked());
            if (!ApiResults.TryGroup(id, out var group, out var error))
                return Task.FromResult(error);
            return UploadBody.TryAccept(context, WebLimits.MaxUploadBytes, named: true, out var info, out error)
                ? AttachmentCalls.SendAsync(session, transfers, client, group, info!, context.Request.Body, context.RequestAborted)
                : Task.FromResult(error!);
        });
        api.MapGet("/transfers", (WebSession session, WebTransfers transfers) =>
            session.Client is null ? ApiResults.Locked() : AttachmentCalls.Transfers(transfers));
        api.MapPost("/attachments/{id}/download", (string id, WebSession session, WebTransfers transfers) =>
            WithAttachment(session, id, (client, attachment) => AttachmentCalls.Download(session, transfers, client, attachment)));
        api.MapGet("/attachments/{id}", (HttpContext context, string id, WebSession session) =>
            WithAttachment(session, id, (client, attachment) =>
                AttachmentCalls.Serve(client, attachment, context.Request.Query["inline"].ToString() is "1" or "true")));
    }

    private static IResult WithAttachment(WebSession session, string id, Func<Client.WispClient, string, IResult> action)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        return TryAttachmentId(id, out var error) ? action(client, id) : error;
    }

    /// <summary>An attachment's ID as the SDK gives it (MESSAGE:INDEX): 1 to 128 letters, digits, '-', '_' or ':'.</summary>
    public static bool TryAttachmentId(string id, out IResult error)
    {
        error = null!;
        if (AttachmentId().IsMatch(id))
            return true;
        error = ApiResults.BadRequest($"'{(id.Length > 40 ? id[..40] + "…" : id)}' is not an attachment ID (1 to 128 letters, digits, '-', '_' or ':').");
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9_:-]{1,128}$")]
    private static partial Regex AttachmentId();
}
