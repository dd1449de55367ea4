using Microsoft.AspNetCore.Http;
using Wisp.Client;

namespace Wisp.Web.Api;

/// <summary>
/// The attachment and picture calls of the web API as calls of the SDK's attachments, after the endpoints checked
/// their input. The SDK's attachments (<c>WispClient.Attachments</c>) are not in this build yet: each answers 501
/// until wired (an upload's body is then not read; Kestrel drains or closes the connection).
/// </summary>
internal static class AttachmentCalls
{
    private const string Files = "attachments";
    private const string Pictures = "profile pictures";

    /// <summary>Sends the file in <paramref name="body"/> (streamed, never read whole) to <paramref name="chat"/>: an Account ID or a group ID.</summary>
    public static Task<IResult> SendAsync(WispClient client, string chat, UploadInfo file, Stream body, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Files));

    public static IResult Transfers(WispClient client) => ApiResults.NotInBuild(Files);

    public static IResult Cancel(WispClient client, string attachment) => ApiResults.NotInBuild(Files);

    public static IResult Download(WispClient client, string attachment) => ApiResults.NotInBuild(Files);

    public static Task<IResult> ServeAsync(WispClient client, string attachment, bool inline, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Files));

    /// <summary>Sets this account's picture (<paramref name="group"/> null) or a group's.</summary>
    public static Task<IResult> SetPictureAsync(WispClient client, string? group, UploadInfo image, Stream body, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Pictures));

    public static IResult RemovePicture(WispClient client) => ApiResults.NotInBuild(Pictures);

    /// <summary>The picture of an account (05…) or a group (03…).</summary>
    public static Task<IResult> PictureAsync(WispClient client, string owner, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(Pictures));
}
