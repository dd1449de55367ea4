using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Attachments;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp send PEER --file PATH…</c>'s part before the outbox: each file encrypted, then sent on a direct session
/// when one is up, else uploaded through onion paths (progress on stderr), then one message carrying them and the
/// caption. A rerun after an interruption sends only the chunks the file server has not acknowledged.
/// </summary>
internal static class SendFiles
{
    public static async Task<(MessageView? Queued, IReadOnlyList<UploadResult> Uploads, string? Error)> QueueAsync(
        WispClient client, AccountId peer, IReadOnlyList<string> files, string? caption, TextWriter stderr, CancellationToken cancellationToken)
    {
        var bar = new TransferProgressBar(stderr, interactive: !Console.IsErrorRedirected);
        try
        {
            var result = await client.Attachments.SendFilesAsync(peer, [.. files.Select(Path.GetFullPath)], caption, bar, cancellationToken);
            return (result.Message, result.Uploads, result.Error);
        }
        finally
        {
            bar.Finish();
        }
    }

    /// <summary>Which way a file went, as <c>wisp send</c> prints it: "sent direct", "sent relayed" or "uploaded to the file server".</summary>
    public static string Way(UploadResult upload) => upload.Via switch
    {
        MessagePath.Direct => "sent direct",
        MessagePath.Relayed => "sent relayed",
        _ => "uploaded to the file server",
    };
}
