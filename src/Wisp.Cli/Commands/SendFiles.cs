using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp send PEER --file PATH…</c>'s part before the outbox: each file encrypted and uploaded through onion paths
/// (progress on stderr), then one message carrying them and the caption. A rerun after an interruption sends only
/// the chunks the file server has not acknowledged.
/// </summary>
internal static class SendFiles
{
    public static async Task<(MessageView? Queued, string? Error)> QueueAsync(
        WispClient client, AccountId peer, IReadOnlyList<string> files, string? caption, TextWriter stderr, CancellationToken cancellationToken)
    {
        var bar = new TransferProgressBar(stderr, interactive: !Console.IsErrorRedirected);
        try
        {
            var result = await client.Attachments.SendFilesAsync(peer, [.. files.Select(Path.GetFullPath)], caption, bar, cancellationToken);
            return (result.Message, result.Error);
        }
        finally
        {
            bar.Finish();
        }
    }
}
