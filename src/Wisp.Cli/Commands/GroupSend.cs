using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Groups;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp send &lt;group&gt; &lt;text&gt;</c> (or <c>--file PATH…</c>): one message to a group's swarm, sent at once (exit 0) or failed with why (exit 1).</summary>
internal static class GroupSend
{
    /// <summary>The group <paramref name="to"/> names (an ID, or a group name that is no contact's nickname); null when it names none.</summary>
    public static GroupView? Names(WispClient client, string to)
    {
        if (GroupIds.IsGroupId(to))
            return client.Groups.Find(to, out _);
        if (client.Contacts.TryResolve(to.Trim(), out _, out _))
            return null; // a contact's nickname wins over a group's name
        return client.Groups.Find(to, out _);
    }

    public static async Task<int> RunAsync(
        WispClient client, GroupView group, string? text, IReadOnlyList<string> files, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (message, error) = files.Count == 0
            ? await client.Groups.SendAsync(group.Id, text!, cancellationToken)
            : await SendFilesAsync(client, group, text, files, stderr, cancellationToken);
        if (message is null)
            return CliOutput.Error(error!, stderr, CliOutput.Failure);
        if (json)
        {
            var value = GroupPrinting.Json(message);
            value["error"] = error;
            CliOutput.Json(value, stdout);
        }
        else
        {
            stdout.WriteLine(error is null ? $"sent to {group.Name}" : $"FAILED to send to {group.Name}: {error}");
        }
        return error is null ? 0 : CliOutput.Failure;
    }

    /// <summary>The files uploaded once (progress on stderr), then one group message carrying them; every member reads that upload.</summary>
    private static async Task<(GroupMessageView? Message, string? Error)> SendFilesAsync(
        WispClient client, GroupView group, string? caption, IReadOnlyList<string> files, TextWriter stderr, CancellationToken cancellationToken)
    {
        var bar = new TransferProgressBar(stderr, interactive: !Console.IsErrorRedirected);
        try
        {
            var result = await client.Attachments.SendFilesToGroupAsync(group.Id, [.. files.Select(Path.GetFullPath)], caption, bar, cancellationToken);
            return (result.Message, result.Error);
        }
        finally
        {
            bar.Finish();
        }
    }
}
