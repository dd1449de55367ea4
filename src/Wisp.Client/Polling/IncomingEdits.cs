using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Polling;

/// <summary>
/// What a peer's message does to messages already there: a reaction (Session's <c>DataMessage.Reaction</c>) or an
/// unsend request (Session's <c>UnsendRequest</c>), and the parts of a text message that are not its text (the display
/// name, the quote). Messages are named as Session names them, by author and sent timestamp, and only in the
/// conversation with the verified sender; a peer can unsend only what they wrote.
/// </summary>
internal static class IncomingEdits
{
    /// <summary>Longest quoted text kept (2,000 characters): a quote shows an excerpt; the rest is the quoted message's.</summary>
    public const int MaxQuoteLength = 2_000;

    /// <summary>Applies a reaction; null when it applied (or changed nothing), else why it was dropped.</summary>
    public static string? React(AccountData stores, AccountId sender, DataMessage.Types.Reaction reaction, long nowMs)
    {
        if (!AccountId.TryParse(reaction.Author, out var author, out _))
            return "a reaction naming no valid author";
        if (string.IsNullOrEmpty(reaction.Emoji) || reaction.Emoji.Length > MessageEditStore.MaxEmojiLength || reaction.Emoji.Any(char.IsControl))
            return "a reaction without a usable emoji";
        if (stores.Conversations.Find(sender) is not { State: not ConversationState.Blocked and not ConversationState.Declined })
            return $"a reaction from {sender}, with whom there is no open conversation";
        if (stores.Edits.FindBySent(sender, author, (long)reaction.Id) is not { } message)
            return "a reaction to a message this account does not have";
        stores.Edits.React(message.Id, sender, reaction.Emoji, reaction.Action == DataMessage.Types.Reaction.Types.Action.Remove, nowMs);
        return null;
    }

    /// <summary>Deletes the message an unsend request names; null when it did, else why it was dropped.</summary>
    public static string? Unsend(AccountData stores, AccountId sender, UnsendRequest request, long nowMs)
    {
        if (!AccountId.TryParse(request.Author, out var author, out _) || author != sender)
            return $"an unsend request from {sender} for a message they did not write";
        if (stores.Edits.FindBySent(sender, author, (long)request.Timestamp) is not { } message)
            return "an unsend request for a message this account does not have";
        stores.Edits.MarkDeleted(message.Id, nowMs);
        return null;
    }

    /// <summary>The quote a reply carries, or null (none, or one naming no valid author).</summary>
    public static MessageQuote? Quote(DataMessage data) =>
        data.Quote is { } quote && AccountId.TryParse(quote.Author, out var author, out _)
            ? new MessageQuote((long)quote.Id, author, quote.Text is { Length: > MaxQuoteLength } text ? text[..MaxQuoteLength] : quote.Text ?? "")
            : null;

    /// <summary>Keeps the display name a text message carries (Session's <c>DataMessage.profile.displayName</c>).</summary>
    public static void KeepName(AccountData stores, AccountId sender, DataMessage data, long nowMs)
    {
        if (data.Profile is { HasDisplayName: true } profile && profile.DisplayName.Length > 0)
            stores.Names.Received(sender, profile.DisplayName, nowMs);
    }
}
