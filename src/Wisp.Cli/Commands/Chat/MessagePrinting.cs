using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;

namespace Wisp.Cli.Commands.Chat;

/// <summary>How messages and conversations print, as text lines and as JSON.</summary>
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
        ["status"] = message.Status?.ToString().ToLowerInvariant(),
        ["failure_reason"] = message.FailureReason,
        ["attempts"] = message.Attempts,
        ["read_at"] = message.ReadAtMs,
        ["expires_at"] = message.ExpiresAtMs,
        ["hash"] = message.ServerHash,
    };

    public static JsonObject Json(ConversationSummary summary) => new()
    {
        ["peer"] = summary.Conversation.Peer.Hex,
        ["nickname"] = summary.Nickname,
        ["state"] = summary.Conversation.State.ToString().ToLowerInvariant(),
        ["unread"] = summary.Unread,
        ["disappear_after_seconds"] = (long?)summary.Conversation.Settings.DisappearAfter?.TotalSeconds,
        ["read_receipts"] = summary.Conversation.Settings.ReadReceipts,
        ["typing_indicators"] = summary.Conversation.Settings.TypingIndicators,
        ["last"] = summary.Last is { } last ? Json(last) : null,
    };

    /// <summary>"[14:02] alice: hello" with the status of an outgoing message after it.</summary>
    public static string Line(MessageView message, string peerName)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(message.SentAtMs).ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
        if (message.Kind == MessageKind.Timer)
            return $"[{time}] -- {message.Body} --";
        var who = message.Direction == MessageDirection.In ? peerName : "you";
        return $"[{time}] {who}: {message.Body}{Status(message)}";
    }

    public static string Status(MessageView message) => message.Status switch
    {
        MessageStatus.Pending => message.FailureReason is null ? "  (sending…)" : $"  (pending, retrying: {message.FailureReason})",
        MessageStatus.Failed => $"  (FAILED: {message.FailureReason})",
        MessageStatus.Sent when message.ReadAtMs is not null => "  (read)",
        _ => "",
    };

    public static string Timer(ConversationSettings settings) =>
        settings.DisappearAfter is { } after ? $"after {DurationText.Format(after)}" : "off";
}
