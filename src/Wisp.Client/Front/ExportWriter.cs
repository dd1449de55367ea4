using System.Text.Json;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Front;

/// <summary>
/// The export file: <c>{ "format": "wisp-export", "version": 1, "account_id", "exported_at", "conversations": [ { "peer",
/// "nickname", "state", "disappear_after_seconds", "messages": [ … ] } ] }</c>, each message with the fields
/// <c>wisp history --json</c> prints. Streamed (one conversation's messages in memory at a time) to a 0600 file that
/// replaces the target only when complete.
/// </summary>
internal static class ExportWriter
{
    public const string Format = "wisp-export";
    public const int Version = 1;

    public static async Task<ExportSummary> WriteAsync(
        AccountData data, AccountId account, long nowMs, string path, IProgress<ExportSummary>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Convert.ToHexStringLower(Crypto.RandomBytes.Get(6))}.tmp";
        var conversations = data.Conversations.All().OrderBy(c => c.Id).ToList();
        var summary = new ExportSummary(0, conversations.Count, 0);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFiles.PrivateFileMode;
            await using (var stream = new FileStream(temporary, options))
            {
                await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                json.WriteStartObject();
                json.WriteString("format", Format);
                json.WriteNumber("version", Version);
                json.WriteString("account_id", account.Hex);
                json.WriteNumber("exported_at", nowMs);
                json.WriteStartArray("conversations");
                foreach (var conversation in conversations)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var messages = data.Messages.History(conversation.Id, int.MaxValue);
                    WriteConversation(json, conversation, data.Contacts.NicknameOf(conversation.Peer), messages);
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                    summary = summary with { Conversations = summary.Conversations + 1, Messages = summary.Messages + messages.Count };
                    progress?.Report(summary);
                }
                json.WriteEndArray();
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
            return summary;
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static void WriteConversation(Utf8JsonWriter json, Conversation conversation, string? nickname, IReadOnlyList<MessageView> messages)
    {
        json.WriteStartObject();
        json.WriteString("peer", conversation.Peer.Hex);
        json.WriteString("nickname", nickname);
        json.WriteString("state", ConversationStore.StateText(conversation.State));
        json.WriteNumber("disappear_after_seconds", (long)(conversation.Settings.DisappearAfter?.TotalSeconds ?? 0));
        json.WriteStartArray("messages");
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("id", message.Id);
            json.WriteString("direction", message.Direction == MessageDirection.In ? "in" : "out");
            json.WriteString("sender", message.Sender.Hex);
            json.WriteString("kind", MessageRows.KindText(message.Kind));
            json.WriteString("body", message.Body);
            json.WriteNumber("sent_at", message.SentAtMs);
            WriteNumberOrNull(json, "received_at", message.ReceivedAtMs);
            json.WriteString("delivery", message.Delivery switch
            {
                DeliveryState.Sending => "sending",
                DeliveryState.Sent => "sent",
                DeliveryState.Read => "read",
                DeliveryState.Failed => "failed",
                _ => null,
            });
            WriteNumberOrNull(json, "read_at", message.ReadAtMs);
            WriteNumberOrNull(json, "expires_at", message.ExpiresAtMs);
            WriteEdits(json, message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // What a reply quoted, the reactions, and when it was deleted for everyone.
    private static void WriteEdits(Utf8JsonWriter json, MessageView message)
    {
        if (message.Quote is { } quote)
        {
            json.WriteStartObject("quote");
            json.WriteNumber("id", quote.SentAtMs);
            json.WriteString("author", quote.Author.Hex);
            json.WriteString("text", quote.Text);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("quote");
        }
        json.WriteStartArray("reactions");
        foreach (var reaction in message.Reactions)
        {
            json.WriteStartObject();
            json.WriteString("author", reaction.Author.Hex);
            json.WriteString("emoji", reaction.Emoji);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteNumberOrNull(json, "deleted_at", message.DeletedAtMs);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }
}
