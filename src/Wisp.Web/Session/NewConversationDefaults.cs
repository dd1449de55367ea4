using Wisp.Client;
using Wisp.Client.Conversations;

namespace Wisp.Web.Session;

/// <summary>
/// Gives each conversation that begins while the app runs the app's defaults for read receipts and typing indicators
/// (the client's own default is both on): when a conversation's first message arrives or is sent, its settings are set.
/// </summary>
internal static class NewConversationDefaults
{
    public static async Task RunAsync(WispClient client, Func<WebSettings> settings, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var clientEvent in client.Events.WithCancellation(cancellationToken))
            {
                if (clientEvent is not ClientEvent.MessageAdded { Message: var message })
                    continue;
                var wanted = settings();
                if (client.Conversations.Find(message.Peer) is not { } conversation
                    || (conversation.Settings.ReadReceipts == wanted.ReadReceipts && conversation.Settings.TypingIndicators == wanted.TypingIndicators)
                    || client.Conversations.History(message.Peer, 2).Count != 1)
                    continue;
                client.Conversations.Configure(message.Peer, wanted.ReadReceipts, wanted.TypingIndicators);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // Locked.
        }
    }

    /// <summary>Applies <paramref name="settings"/> to every conversation there is (what changing them in the app means).</summary>
    public static void ApplyToAll(WispClient client, WebSettings settings)
    {
        foreach (var summary in client.Conversations.List())
        {
            if (summary.Conversation.State == ConversationState.Declined)
                continue;
            client.Conversations.Configure(summary.Conversation.Peer, settings.ReadReceipts, settings.TypingIndicators);
        }
    }
}
