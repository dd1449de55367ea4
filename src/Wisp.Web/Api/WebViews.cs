using System.Globalization;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Keys;

namespace Wisp.Web.Api;

/// <summary>A message as the page shows it; <c>path</c> (1:1 only): "direct", "relayed" or "swarm", the way it went or came.</summary>
internal sealed record MessageJson(
    string Id, string Peer, bool Outgoing, string Kind, string Text, long SentMs, string State, string? FailureReason, ReplyJson? ReplyTo,
    IReadOnlyList<ReactionJson> Reactions, long? ExpiresMs, bool Deleted, string? Sender = null, string? SenderName = null,
    IReadOnlyList<AttachmentJson>? Attachments = null, string? Sealing = null, bool? ForwardSecret = null, string? Path = null);

/// <summary>
/// A file sent with a message: its state, how much of its transfer is done, and the way it went or came ("direct",
/// "relayed" on a direct session, or "file_server").
/// </summary>
internal sealed record AttachmentJson(
    string Id, string Name, string ContentType, long Size, bool Image, string State, long Transferred, string? FailureReason, string Path);

/// <summary>What a reply quotes: the quoted message's id when it is still here, its text and author.</summary>
internal sealed record ReplyJson(string? Id, string Text, string Author);

/// <summary>One emoji on a message: how many reacted with it and whether this account did.</summary>
internal sealed record ReactionJson(string Emoji, int Count, bool Mine);

/// <summary>A conversation as the list shows it.</summary>
internal sealed record ConversationJson(
    string Peer, string Name, string State, int Unread, MessageJson? LastMessage, bool ReadReceipts, bool TypingIndicators,
    long? DisappearingSeconds);

/// <summary>A contact.</summary>
internal sealed record ContactJson(string Peer, string? Nickname, string? DisplayName, bool Blocked);

/// <summary>Client objects as the page's JSON.</summary>
internal static class WebViews
{
    public static MessageJson Message(WispClient client, MessageView message, IReadOnlyList<MessageView>? around = null)
    {
        var files = AttachmentCalls.ForMessage(client, message.Id);
        return Message(client, message, around, files);
    }

    /// <summary>The message's text: for one with files, the caption only (the SDK's "[file] name (size)" lines are the files, shown as such).</summary>
    private static string Text(MessageView message, int files) =>
        files == 0 ? message.Body : string.Join('\n', message.Body.Split('\n').Skip(files));

    private static MessageJson Message(WispClient client, MessageView message, IReadOnlyList<MessageView>? around, IReadOnlyList<AttachmentJson> files) => new(
        message.Id,
        message.Peer.Hex,
        message.Direction == MessageDirection.Out,
        message.Kind == MessageKind.Timer ? "timer" : "text",
        Text(message, files.Count),
        message.SentAtMs,
        message.Delivery switch
        {
            DeliveryState.Sending => "sending",
            DeliveryState.Sent => "sent",
            DeliveryState.Read => "read",
            DeliveryState.Failed => "failed",
            _ => "received",
        },
        message.FailureReason,
        message.Quote is { } quote
            ? new ReplyJson(QuotedId(client, message, quote, around), quote.Text, quote.Author.Hex)
            : null,
        [.. message.Reactions.GroupBy(r => r.Emoji, StringComparer.Ordinal)
            .Select(g => new ReactionJson(g.Key, g.Count(), g.Any(r => r.Author == client.AccountId)))],
        message.ExpiresAtMs,
        message.DeletedAtMs is not null,
        null,
        null,
        files,
        message.Sealing?.Text(),
        message.Sealing is { } sealing ? sealing.IsForwardSecret() : null,
        DirectStates.Word(client.Direct.PathOf(message.Id) ?? MessagePath.Swarm));

    public static ConversationJson Conversation(WispClient client, ConversationSummary summary) => new(
        summary.Conversation.Peer.Hex,
        client.Contacts.NameOf(summary.Conversation.Peer),
        State(summary.Conversation.State),
        summary.Unread,
        summary.Last is { } last ? Message(client, last) : null,
        summary.Conversation.Settings.ReadReceipts,
        summary.Conversation.Settings.TypingIndicators,
        summary.Conversation.Settings.DisappearAfter is { } after ? (long)after.TotalSeconds : null);

    /// <summary>The conversation with its list fields (unread, last message) as the list has them now.</summary>
    public static ConversationJson Conversation(WispClient client, Conversation conversation) =>
        client.Conversations.List().FirstOrDefault(s => s.Conversation.Peer == conversation.Peer) is { } summary
            ? Conversation(client, summary with { Conversation = conversation })
            : Conversation(client, new ConversationSummary(conversation, client.Contacts.NicknameOf(conversation.Peer), 0, null));

    public static string State(ConversationState state) => state.ToString().ToLower(CultureInfo.InvariantCulture);

    /// <summary>The id of the quoted message (Session names it by sent time and author), when this account still has it.</summary>
    private static string? QuotedId(WispClient client, MessageView reply, MessageQuote quote, IReadOnlyList<MessageView>? around)
    {
        var candidates = around ?? client.Conversations.History(reply.Peer, WebLimits.MaxHistory);
        return candidates.FirstOrDefault(m => m.SentAtMs == quote.SentAtMs && m.Sender == quote.Author)?.Id;
    }
}
