using Google.Protobuf;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Messaging;

/// <summary>
/// The <see cref="Content"/> protobufs a 1:1 conversation sends, shaped as Session shapes them: a text message
/// (<c>DataMessage{body, timestamp, profile, quote}</c>), a reaction, an unsend request, a disappearing-timer change, a
/// read receipt and a typing indicator.
/// Pure: timestamps are the caller's.
/// </summary>
internal static class MessageContent
{
    /// <summary>
    /// A text message, a reply when <paramref name="quote"/> is set (Session's <c>DataMessage.Quote</c>: the quoted
    /// message's timestamp, author and text). <paramref name="disappearAfter"/> (when set) is carried as Session carries it: expiration type
    /// DELETE_AFTER_SEND with the timer in whole seconds.
    /// </summary>
    public static Content Text(string body, ulong sentAtMs, string? profileName, TimeSpan? disappearAfter, MessageQuote? quote = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var data = new DataMessage { Body = body, Timestamp = sentAtMs };
        if (quote is not null)
            data.Quote = new DataMessage.Types.Quote { Id = (ulong)quote.SentAtMs, Author = quote.Author.Hex, Text = quote.Text };
        if (!string.IsNullOrEmpty(profileName))
            data.Profile = new LokiProfile { DisplayName = profileName };
        var content = new Content { DataMessage = data };
        SetTimer(content, disappearAfter);
        return content;
    }

    /// <summary>
    /// A change of the conversation's disappearing timer (Session's EXPIRATION_TIMER_UPDATE flag); null or zero turns
    /// it off.
    /// </summary>
    public static Content TimerUpdate(ulong sentAtMs, TimeSpan? disappearAfter)
    {
        var content = new Content
        {
            DataMessage = new DataMessage { Timestamp = sentAtMs, Flags = (uint)DataMessage.Types.Flags.ExpirationTimerUpdate },
        };
        SetTimer(content, disappearAfter);
        if (!content.HasExpirationTimer)
            content.ExpirationTimer = 0;
        return content;
    }

    /// <summary>
    /// A reaction (Session's <c>DataMessage.Reaction</c>) to the message <paramref name="author"/> sent at
    /// <paramref name="messageSentAtMs"/>: <paramref name="emoji"/> added, or removed with <paramref name="remove"/>.
    /// </summary>
    public static Content Reaction(long messageSentAtMs, AccountId author, string emoji, bool remove, ulong sentAtMs)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(emoji);
        return new Content
        {
            DataMessage = new DataMessage
            {
                Timestamp = sentAtMs,
                Reaction = new DataMessage.Types.Reaction
                {
                    Id = (ulong)messageSentAtMs,
                    Author = author.Hex,
                    Emoji = emoji,
                    Action = remove ? DataMessage.Types.Reaction.Types.Action.Remove : DataMessage.Types.Reaction.Types.Action.React,
                },
            },
        };
    }

    /// <summary>
    /// Session's unsend: asks the peer to delete the message <paramref name="author"/> (this account) sent at
    /// <paramref name="messageSentAtMs"/>.
    /// </summary>
    public static Content Unsend(long messageSentAtMs, AccountId author)
    {
        ArgumentNullException.ThrowIfNull(author);
        return new Content { UnsendRequest = new UnsendRequest { Timestamp = (ulong)messageSentAtMs, Author = author.Hex } };
    }

    /// <summary>A read receipt for the messages sent at <paramref name="sentTimestampsMs"/> (their sender's timestamps).</summary>
    public static Content ReadReceipt(IEnumerable<ulong> sentTimestampsMs)
    {
        ArgumentNullException.ThrowIfNull(sentTimestampsMs);
        var receipt = new ReceiptMessage { Type = ReceiptMessage.Types.Type.Read };
        receipt.Timestamp.AddRange(sentTimestampsMs);
        return new Content { ReceiptMessage = receipt };
    }

    /// <summary>A typing indicator: started or stopped typing.</summary>
    public static Content Typing(bool started, ulong sentAtMs) => new()
    {
        TypingMessage = new TypingMessage
        {
            Timestamp = sentAtMs,
            Action = started ? TypingMessage.Types.Action.Started : TypingMessage.Types.Action.Stopped,
        },
    };

    /// <summary>The disappearing timer a message carries (DELETE_AFTER_SEND with a positive timer), else null.</summary>
    public static TimeSpan? DisappearAfter(Content content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.ExpirationType == Content.Types.ExpirationType.DeleteAfterSend && content.ExpirationTimer > 0
            ? TimeSpan.FromSeconds(content.ExpirationTimer)
            : null;
    }

    /// <summary>The serialized bytes of <paramref name="content"/>.</summary>
    internal static byte[] Serialize(Content content) => content.ToByteArray();

    private static void SetTimer(Content content, TimeSpan? disappearAfter)
    {
        if (disappearAfter is not { } timer || timer <= TimeSpan.Zero)
            return;
        content.ExpirationType = Content.Types.ExpirationType.DeleteAfterSend;
        content.ExpirationTimer = (uint)Math.Clamp(Math.Ceiling(timer.TotalSeconds), 1, uint.MaxValue);
    }
}
