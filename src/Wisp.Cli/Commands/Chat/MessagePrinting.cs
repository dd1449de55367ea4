using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Client.Conversations;
using Wisp.Client.Keys;
using Wisp.Client.Messaging;

namespace Wisp.Cli.Commands.Chat;

/// <summary>How messages and conversations print, as text lines and as JSON: in words people use, never enum names.</summary>
internal static class MessagePrinting
{
    public static JsonObject Json(MessageView message) => new()
    {
        ["id"] = message.Id,
        ["peer"] = message.Peer.Hex,
        ["direction"] = message.Direction == MessageDirection.In ? "in" : "out",
        ["sender"] = message.Sender.Hex,
        ["kind"] = message.Kind == MessageKind.Timer ? "timer" : "text",
        ["body"] = message.Body,
        ["sent_at"] = message.SentAtMs,
        ["received_at"] = message.ReceivedAtMs,
        ["delivery"] = message.Delivery is { } delivery ? Word(delivery) : null,
        ["failure_reason"] = message.FailureReason,
        ["attempts"] = message.Attempts,
        ["read_at"] = message.ReadAtMs,
        ["expires_at"] = message.ExpiresAtMs,
        ["deadline_at"] = message.Delivery == DeliveryState.Sending ? message.DeadlineAtMs : null,
        ["hash"] = message.ServerHash,
        ["quote"] = message.Quote is { } quote
            ? new JsonObject { ["id"] = quote.SentAtMs, ["author"] = quote.Author.Hex, ["text"] = quote.Text }
            : null,
        ["reactions"] = new JsonArray([.. message.Reactions.Select(r => (JsonNode)new JsonObject { ["author"] = r.Author.Hex, ["emoji"] = r.Emoji })]),
        ["deleted_at"] = message.DeletedAtMs,
        // Protocol v2: how it was sealed; only "v2" is forward-secret.
        ["sealing"] = message.Sealing?.Text(),
        ["forward_secret"] = message.Sealing is { } sealing ? sealing.IsForwardSecret() : null,
    };

    public static JsonObject Json(ConversationSummary summary) => new()
    {
        ["peer"] = summary.Conversation.Peer.Hex,
        ["nickname"] = summary.Nickname,
        ["display_name"] = summary.DisplayName,
        ["state"] = Word(summary.Conversation.State),
        ["unread"] = summary.Unread,
        ["disappear_after_seconds"] = (long?)summary.Conversation.Settings.DisappearAfter?.TotalSeconds,
        ["read_receipts"] = summary.Conversation.Settings.ReadReceipts,
        ["typing_indicators"] = summary.Conversation.Settings.TypingIndicators,
        ["last"] = summary.Last is { } last ? Json(last) : null,
    };

    /// <summary>
    /// "[14:02] alice: hello" with the delivery state of an outgoing message after it; a reply's quote on a line above
    /// ("  | you: the quoted text"), reactions on a line below ("  👍 alice"), "(message deleted)" for an unsent one.
    /// </summary>
    public static string Line(MessageView message, string peerName)
    {
        var time = Clock(message.SentAtMs);
        if (message.Kind == MessageKind.Timer)
            return $"[{time}] -- {message.Body} --";
        var who = message.Direction == MessageDirection.In ? peerName : "you";
        if (message.DeletedAtMs is not null)
            return $"[{time}] {who}: (message deleted)";
        var line = $"[{time}] {who}: {message.Body}{Status(message)}{Sealing(message)}";
        if (message.Quote is { } quote)
            line = $"  | {(quote.Author == message.Peer ? peerName : "you")}: {Excerpt(quote.Text, 60)}{Environment.NewLine}{line}";
        if (Reactions(message, peerName) is { } reactions)
            line += Environment.NewLine + "  " + reactions;
        return line;
    }

    /// <summary>"👍 alice, you  ❤️ you": each emoji with who reacted; null when there are none.</summary>
    public static string? Reactions(MessageView message, string peerName) =>
        message.Reactions.Count == 0
            ? null
            : string.Join("  ", message.Reactions.GroupBy(r => r.Emoji, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {string.Join(", ", g.Select(r => r.Author == message.Peer ? peerName : "you"))}"));

    /// <summary>An outgoing message's state: "  (sending…)", "  (sent)", "  (read)", "  (FAILED: why …)"; nothing for an incoming one.</summary>
    public static string Status(MessageView message) => message.Delivery switch
    {
        DeliveryState.Sending => message.FailureReason is null ? "  (sending…)" : $"  (sending, retrying: {message.FailureReason})",
        DeliveryState.Failed => $"  (FAILED: {message.FailureReason}; `wisp retry {message.Id}` tries again)",
        DeliveryState.Read => "  (read)",
        DeliveryState.Sent => "  (sent)",
        _ => "",
    };

    /// <summary>"  [not forward-secret]" after a message sealed to the long-term key (v1 or non-PFS v2); nothing otherwise.</summary>
    public static string Sealing(MessageView message) => message.NotForwardSecret ? "  [not forward-secret]" : "";

    /// <summary>The delivery state in words: sending, sent, read, failed.</summary>
    public static string Word(DeliveryState delivery) => delivery switch
    {
        DeliveryState.Sending => "sending",
        DeliveryState.Sent => "sent",
        DeliveryState.Read => "read",
        _ => "failed",
    };

    /// <summary>The conversation state in words: request, accepted, declined, blocked.</summary>
    public static string Word(ConversationState state) => state switch
    {
        ConversationState.Request => "request",
        ConversationState.Declined => "declined",
        ConversationState.Blocked => "blocked",
        _ => "accepted",
    };

    /// <summary>"HH:mm" in local time.</summary>
    public static string Clock(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A message's text cut to <paramref name="length"/> characters for a one-line notice.</summary>
    public static string Excerpt(string body, int length = 30) => body.Length <= length ? body : body[..(length - 1)] + "…";

    public static string Timer(ConversationSettings settings) =>
        settings.DisappearAfter is { } after ? $"after {DurationText.Format(after)}" : "off";
}
