using System.Text;
using Wisp.Client;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// The chat's commands on one message: <c>/list</c>, <c>/reply N</c>, <c>/react N</c>, <c>/unreact N</c> and
/// <c>/delete N [--everyone]</c>. N counts back from the latest message of the conversation (1 is the latest), as
/// <c>/list</c> numbers them.
/// </summary>
internal static class ChatMessageCommands
{
    /// <summary>Messages <c>/list</c> shows (20).</summary>
    public const int ListLength = 20;

    /// <summary>Runs <paramref name="command"/>; returns the notice to show (null when the result shows as an event).</summary>
    public static async Task<string?> RunAsync(WispClient client, AccountId peer, SlashCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case SlashCommand.List:
                return List(client, peer);
            case SlashCommand.Reply reply:
                if (!TryPick(client, peer, reply.N, out var quoted, out var error))
                    return error;
                return client.Messages.Reply(quoted, reply.Body, out var replyError) is null ? $"not sent: {replyError}" : null;
            case SlashCommand.React react:
                if (!TryPick(client, peer, react.N, out var reacted, out error))
                    return error;
                return (await client.Messages.ReactAsync(reacted, react.Emoji, react.Remove, cancellationToken))?.Reason;
            case SlashCommand.Delete delete:
                if (!TryPick(client, peer, delete.N, out var deleted, out error))
                    return error;
                if (delete.Everyone)
                    return (await client.Messages.DeleteForEveryoneAsync(deleted, cancellationToken))?.Reason;
                return client.Messages.DeleteForMe(deleted, out var deleteError) ? null : deleteError;
            default:
                return null;
        }
    }

    private static string List(WispClient client, AccountId peer)
    {
        var history = client.Conversations.History(peer, ListLength);
        if (history.Count == 0)
            return "no messages yet.";
        var name = client.Contacts.NameOf(peer);
        var text = new StringBuilder("the last messages, 1 is the latest:");
        for (var i = 0; i < history.Count; i++)
            text.Append(Environment.NewLine).Append($"{history.Count - i,3}. ").Append(MessagePrinting.Line(history[i], name));
        return text.ToString();
    }

    private static bool TryPick(WispClient client, AccountId peer, int n, out string id, out string? error)
    {
        var history = client.Conversations.History(peer, Math.Max(n, 1));
        if (n > history.Count)
        {
            (id, error) = ("", $"there is no message {n}: the conversation has {history.Count} (/list numbers them).");
            return false;
        }
        (id, error) = (history[^n].Id, null);
        return true;
    }
}
