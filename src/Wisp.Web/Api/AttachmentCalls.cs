using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Client.Groups;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// The attachment calls of the web API as calls of the SDK's attachments (<see cref="WispClient.Attachments"/>),
/// after the endpoints checked their input. The SDK sends files from a path and saves downloads to a folder, so an
/// upload's body is streamed to a private file in the profile (never held in memory) and handed over; transfers run
/// in the background and report through <see cref="WebTransfers"/>. A file for a group is uploaded once and carried by
/// one group message. Group pictures and removing a picture are not in the SDK yet: 501.
/// </summary>
internal static class AttachmentCalls
{
    /// <summary>Streams the body to a file, then sends it to <paramref name="chat"/> in the background; 202 with the transfer.</summary>
    public static async Task<IResult> SendAsync(
        WebSession session, WebTransfers transfers, WispClient client, string chat, UploadInfo file, Stream body, CancellationToken cancellationToken)
    {
        AccountId? peer = null;
        if (GroupIds.IsGroupId(chat))
        {
            if (client.Groups.Find(chat, out _) is not { } group)
                return ApiResults.NotFound($"there is no group {chat} in this account.");
            if (group.Role is not (GroupRole.Admin or GroupRole.Member))
                return ApiResults.Conflict($"you are not in {group.Name} (accept its invite first).");
        }
        else if (!AccountId.TryParse(chat, out peer, out var bad))
        {
            return ApiResults.BadRequest(bad ?? $"'{chat}' is neither an Account ID nor a group ID.");
        }
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
        var start = new TransferJson("up-" + Guid.NewGuid().ToString("N")[..16], null, chat, "up", file.Name, 0, file.Length, null, null, "running", null);
        transfers.Set(start);
        _ = Task.Run(async () =>
        {
            try
            {
                var (messageId, ok, error) = peer is not null
                    ? Outcome(await client.Attachments.SendFilesAsync(peer, [path], file.Caption, transfers.Progress(start), transfers.Stopping))
                    : Outcome(await client.Attachments.SendFilesToGroupAsync(chat, [path], file.Caption, transfers.Progress(start), transfers.Stopping));
                transfers.Set(Last(transfers, start) with { MessageId = messageId, State = ok ? "done" : "failed", Error = error });
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

    private static (string? MessageId, bool Ok, string? Error) Outcome(Client.Attachments.SendFilesResult sent) => (sent.Message?.Id, sent.Ok, sent.Error);

    private static (string? MessageId, bool Ok, string? Error) Outcome(Client.Attachments.GroupFilesResult sent) => (sent.Message?.Id, sent.Ok, sent.Error);

    public static IResult Transfers(WebTransfers transfers) => ApiResults.Ok(transfers.List());

    /// <summary>Starts fetching (chunks checked, digest checked, then decrypted to a private folder); 202, or 200 when it is here already.</summary>
    public static IResult Download(WebSession session, WebTransfers transfers, WispClient client, string id)
    {
        if (client.Attachments.Find(id) is not { } attachment)
            return ApiResults.NotFound($"there is no attachment {id}.");
        if (IsHere(attachment))
            return ApiResults.Ok(Json(client, attachment));
        if (transfers.TryGet(id, out var running) && running!.State == "running")
            return Results.Json(Json(client, attachment), ApiResults.Json, statusCode: StatusCodes.Status202Accepted);
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
        return Results.Json(Json(client, attachment), ApiResults.Json, statusCode: StatusCodes.Status202Accepted);
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
        [.. client.Attachments.ForMessage(messageId).Select(a => Json(client, a))];

    private static AttachmentJson Json(WispClient client, AttachmentView a) => new(
        a.Id, a.FileName, a.ContentType, a.Size, ImageTypes.IsImage(a.ContentType),
        a.State switch
        {
            AttachmentState.Saved => IsHere(a) ? "ready" : "remote",
            AttachmentState.Failed => "failed",
            _ => "remote",
        },
        IsHere(a) ? a.Size : 0,
        a.LastError,
        Wisp.Client.Direct.DirectStates.FileWord(client.Attachments.ViaOf(a.Id)));

    /// <summary>
    /// Sets this account's profile picture: the body streamed to a private file (at most 5 MiB, checked before), handed to
    /// the SDK, which encrypts it under a new profile key and uploads it once; later messages carry it. A group's: 501.
    /// </summary>
    public static async Task<IResult> SetPictureAsync(
        WebSession session, WispClient client, string? group, UploadInfo image, Stream body, CancellationToken cancellationToken)
    {
        if (group is not null)
            return ApiResults.NotInBuild("group pictures");
        var folder = PrivateFolder(session, "web-uploads", Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "picture");
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
                await body.CopyToAsync(target, 81_920, cancellationToken);
            if (new FileInfo(path).Length != image.Length)
                return ApiResults.BadRequest("the body ended before Content-Length bytes came.");
            var error = await client.Attachments.SetProfilePictureAsync(client.AccountId, path, cancellationToken);
            if (error is not null)
                return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"the picture could not be uploaded: {error}.");
            return ApiResults.Ok(new AccountEndpoints.AccountJson(client.AccountId.Hex, client.DisplayName, client.Profile.Value));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static IResult RemovePicture(WispClient client) => ApiResults.NotInBuild("removing a profile picture");

    /// <summary>
    /// The picture of an account (05…), fetched and decrypted by the SDK: 404 when none is known, 503 when the file server
    /// cannot be reached, 502 when what it holds does not decrypt. A group's (03…): 501.
    /// </summary>
    public static async Task<IResult> PictureAsync(WispClient client, string owner, CancellationToken cancellationToken)
    {
        if (!AccountId.TryParse(owner, out var account, out _))
            return ApiResults.NotInBuild("group pictures");
        if (!client.Attachments.HasProfilePicture(account))
            return ApiResults.NotFound("no profile picture is known for this account.");
        var (image, error) = await client.Attachments.ProfilePictureAsync(account, cancellationToken);
        if (image is null)
        {
            return error!.EndsWith("refused", StringComparison.Ordinal)
                ? ApiResults.Error(StatusCodes.Status502BadGateway, $"the picture could not be shown: {error}.")
                : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"the picture could not be fetched: {error}.");
        }
        return new FileResponse(new MemoryStream(image, writable: false), "picture", TypeOf(image), image.Length, inline: true);
    }

    /// <summary>The shown image type the bytes start like (the profile holds no type); anything else is served as bytes.</summary>
    private static string TypeOf(ReadOnlySpan<byte> image) =>
        image.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "image/png"
        : image.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : image.StartsWith("GIF8"u8) ? "image/gif"
        : image.Length >= 12 && image.StartsWith("RIFF"u8) && image[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : "application/octet-stream";

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
