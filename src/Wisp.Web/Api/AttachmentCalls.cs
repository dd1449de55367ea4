using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// The attachment calls of the web API as calls of the SDK's attachments (<see cref="WispClient.Attachments"/>),
/// after the endpoints checked their input. The SDK sends files from a path and saves downloads to a folder, so an
/// upload's body is streamed to a private file in the profile (never held in memory) and handed over; transfers run
/// in the background and report through <see cref="WebTransfers"/>. Profile pictures and files in groups are not in
/// the SDK yet: 501.
/// </summary>
internal static class AttachmentCalls
{
    private const string Pictures = "profile pictures";

    /// <summary>Streams the body to a file, then sends it to <paramref name="chat"/> in the background; 202 with the transfer.</summary>
    public static async Task<IResult> SendAsync(
        WebSession session, WebTransfers transfers, WispClient client, string chat, UploadInfo file, Stream body, CancellationToken cancellationToken)
    {
        if (!AccountId.TryParse(chat, out var peer, out _))
            return ApiResults.NotInBuild("attachments in groups");
        var folder = PrivateFolder(session, "web-uploads", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, file.Name);
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
                await body.CopyToAsync(target, 81_920, cancellationToken);
            if (new FileInfo(path).Length != file.Length)
            {
                Directory.Delete(folder, recursive: true);
                return ApiResults.BadRequest("the body ended before Content-Length bytes came.");
            }
        }
        catch (Exception) when (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
        var start = new TransferJson("up-" + Guid.NewGuid().ToString("N")[..16], null, peer.Hex, "up", file.Name, 0, file.Length, null, null, "running", null);
        transfers.Set(start);
        _ = Task.Run(async () =>
        {
            try
            {
                var sent = await client.Attachments.SendFilesAsync(peer, [path], file.Caption, transfers.Progress(start), transfers.Stopping);
                transfers.Set(Last(transfers, start) with { MessageId = sent.Message?.Id, State = sent.Ok ? "done" : "failed", Error = sent.Error });
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                transfers.Set(Last(transfers, start) with { State = "failed", Error = "stopped before it was sent" });
            }
            catch (IOException exception)
            {
                transfers.Set(Last(transfers, start) with { State = "failed", Error = $"the file could not be read: {exception.Message}" });
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }, CancellationToken.None);
        return Results.Json(start, ApiResults.Json, statusCode: StatusCodes.Status202Accepted);
    }

    public static IResult Transfers(WebTransfers transfers) => ApiResults.Ok(transfers.List());

    /// <summary>Starts fetching (chunks checked, digest checked, then decrypted to a private folder); 202, or 200 when it is here already.</summary>
    public static IResult Download(WebSession session, WebTransfers transfers, WispClient client, string id)
    {
        if (client.Attachments.Find(id) is not { } attachment)
            return ApiResults.NotFound($"there is no attachment {id}.");
        if (IsHere(attachment))
            return ApiResults.Ok(Json(attachment));
        if (transfers.TryGet(id, out var running) && running!.State == "running")
            return Results.Json(Json(attachment), ApiResults.Json, statusCode: StatusCodes.Status202Accepted);
        var peer = client.Messages.Find(attachment.MessageId)?.Peer.Hex ?? "";
        var start = new TransferJson(id, attachment.MessageId, peer, "down", attachment.FileName, 0, attachment.Size, null, null, "running", null);
        transfers.Set(start);
        var folder = PrivateFolder(session, "web-downloads", id.Replace(':', '-'));
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await client.Attachments.DownloadAsync(id, folder, transfers.Progress(start), transfers.Stopping);
                transfers.Set(Last(transfers, start) with { State = result.Ok ? "done" : "failed", Error = result.Error });
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                transfers.Set(Last(transfers, start) with { State = "failed", Error = "stopped before it was fetched" });
            }
            catch (IOException exception)
            {
                transfers.Set(Last(transfers, start) with { State = "failed", Error = $"the file could not be written: {exception.Message}" });
            }
        }, CancellationToken.None);
        return Results.Json(Json(attachment), ApiResults.Json, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The decrypted file, streamed from where the SDK saved it after checking its digest.</summary>
    public static IResult Serve(WispClient client, string id, bool inline)
    {
        if (client.Attachments.Find(id) is not { } attachment)
            return ApiResults.NotFound($"there is no attachment {id}.");
        if (!IsHere(attachment))
            return ApiResults.Conflict($"{attachment.FileName} is not downloaded yet: POST /api/attachments/{id}/download first.");
        var stream = new FileStream(attachment.SavedPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new FileResponse(stream, attachment.FileName, attachment.ContentType, stream.Length, inline);
    }

    /// <summary>A message's files as the page shows them.</summary>
    public static IReadOnlyList<AttachmentJson> ForMessage(WispClient client, string messageId) =>
        [.. client.Attachments.ForMessage(messageId).Select(Json)];

    public static AttachmentJson Json(AttachmentView a) => new(
        a.Id, a.FileName, a.ContentType, a.Size, ImageTypes.IsImage(a.ContentType),
        a.State switch
        {
            AttachmentState.Saved => IsHere(a) ? "ready" : "remote",
            AttachmentState.Failed => "failed",
            _ => "remote",
        },
        IsHere(a) ? a.Size : 0,
        a.LastError);

    public static Task<IResult> SetPictureAsync(WispClient client, string? group, UploadInfo image, Stream body, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Pictures));

    public static IResult RemovePicture(WispClient client) => ApiResults.NotInBuild(Pictures);

    /// <summary>The picture of an account (05…) or a group (03…).</summary>
    public static Task<IResult> PictureAsync(WispClient client, string owner, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Pictures));

    private static bool IsHere(AttachmentView a) => a.State == AttachmentState.Saved && a.SavedPath is { } saved && File.Exists(saved);

    private static TransferJson Last(WebTransfers transfers, TransferJson start) =>
        transfers.TryGet(start.AttachmentId, out var last) ? last! : start;

    /// <summary>A folder under the profile only this user can read (the files in it are decrypted).</summary>
    private static string PrivateFolder(WebSession session, string kind, string name)
    {
        var root = Path.Combine(session.Home.ProfileDirectory(session.Profile), kind);
        foreach (var folder in new[] { root, Path.Combine(root, name) })
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return Path.Combine(root, name);
    }
}
