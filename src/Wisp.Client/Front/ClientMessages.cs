using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Front;

/// <summary>
/// What a person does to one message, as Session does it: reply with a quote, react (one reaction per author and emoji),
/// delete it for themselves, or delete it for everyone (Session's unsend). Messages are named by the client's id
/// (<see cref="MessageView.Id"/>). Reactions and unsends go out once, at once; when the network does not take them,
/// nothing changes here and the error says so, so what each side shows stays the same.
/// </summary>
public sealed class ClientMessages
{
    private readonly AccountData _data;
    private readonly Sender _sender;
    private readonly AccountId _self;
    private readonly Func<string?> _displayName;
    private readonly Action _changed;
    private readonly Action<ClientEvent> _publish;
    private readonly TimeProvider _time;

    internal ClientMessages(
        AccountData data, Sender sender, AccountId self, Func<string?> displayName, Action changed, Action<ClientEvent> publish, TimeProvider time) =>
        (_data, _sender, _self, _displayName, _changed, _publish, _time) = (data, sender, self, displayName, changed, publish, time);

    /// <summary>The message with id <paramref name="id"/> (any conversation), or null.</summary>
    public MessageView? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _data.Messages.Find(id);
    }

    /// <summary>
    /// Queues <paramref name="text"/> as a reply to message <paramref name="messageId"/>, quoting it (Session's quote:
    /// its sent timestamp, author and text), with this account's display name. Null, with why, when it cannot be sent.
    /// </summary>
    public MessageView? Reply(string messageId, string text, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryFindLive(messageId, out var quoted, out error))
            return null;
        if (quoted.Kind != MessageKind.Text)
        {
            error = "only text messages can be quoted.";
            return null;
        }
        var quote = new MessageQuote(quoted.SentAtMs, quoted.Sender, quoted.Body);
        return _sender.Queue(quoted.Peer, text, _displayName(), out error, quote);
    }

    /// <summary>
    /// Adds this account's <paramref name="emoji"/> to a message (or removes it, with <paramref name="remove"/>) and
    /// tells the peer. Null when done (or already so); else why not.
    /// </summary>
    public async Task<MessageActionFailure?> ReactAsync(string messageId, string emoji, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        emoji = emoji.Trim();
        if (emoji.Length == 0 || emoji.Length > MessageEditStore.MaxEmojiLength || emoji.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return new($"a reaction is one emoji (at most {MessageEditStore.MaxEmojiLength} characters, no spaces); got '{emoji}'.", false);
        if (!TryFindLive(messageId, out var message, out var error))
            return new(error, false);
        if (message.Kind != MessageKind.Text)
            return new("only text messages take reactions.", false);
        if (_data.Conversations.Find(message.Peer)?.State == ConversationState.Blocked)
            return new($"{message.Peer} is blocked; unblock them (`wisp unblock`) to react to their messages.", false);
        var has = message.Reactions.Any(r => r.Author == _self && r.Emoji == emoji);
        if (has != remove)
            return null;
        var content = MessageContent.Reaction(message.SentAtMs, message.Sender, emoji, remove, (ulong)_sender.NowMs());
        if (!await SendActionAsync(message.Peer, content, cancellationToken).ConfigureAwait(false))
            return new("the reaction was not sent: the network did not take it (is `wisp up` running?); nothing changed, try again.", true);
        _data.Edits.React(message.Id, _self, emoji, remove, _sender.NowMs());
        _changed();
        return null;
    }

    /// <summary>Deletes a message on this account only; nothing is sent. False, with why, when there is no such message.</summary>
    public bool DeleteForMe(string messageId, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var message = _data.Messages.Find(messageId);
        if (message is null || !_data.Edits.DeleteLocally(messageId, _sender.NowMs()))
        {
            error = NoSuchMessage(messageId);
            return false;
        }
        _publish(new ClientEvent.MessageRemoved(message.Peer, messageId));
        error = null;
        return true;
    }

    /// <summary>
    /// Deletes one of this account's messages for everyone (Session's unsend): the peer is asked to delete it, and once
    /// a node took the request it shows here as "(message deleted)". Null when done; else why not.
    /// </summary>
    public async Task<MessageActionFailure?> DeleteForEveryoneAsync(string messageId, CancellationToken cancellationToken)
    {
        if (!TryFindLive(messageId, out var message, out var error))
            return new(error, false);
        if (message.Direction != MessageDirection.Out)
            return new("only your own messages can be deleted for everyone; `wisp delete ID` (without --everyone) deletes this one for you.", false);
        var content = MessageContent.Unsend(message.SentAtMs, _self);
        if (!await SendActionAsync(message.Peer, content, cancellationToken).ConfigureAwait(false))
            return new("not deleted: the network did not take the request (is `wisp up` running?); nothing changed, try again.", true);
        _data.Edits.MarkDeleted(message.Id, _sender.NowMs());
        _changed();
        return null;
    }

    /// <summary>
    /// Sends a reaction or an unsend, trying again a few times (each try already retries over other onion paths): these
    /// do not wait in the outbox, so a passing failure (a path breaking, a busy node) should not reach the person.
    /// </summary>
    private async Task<bool> SendActionAsync(AccountId peer, Content content, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await _sender.SendSignalAsync(peer, content, MessagingLimits.MessageTtl, cancellationToken).ConfigureAwait(false))
                return true;
            if (attempt == MessagingLimits.ActionAttempts)
                return false;
            await Task.Delay(MessagingLimits.ActionRetryDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryFindLive(string messageId, [NotNullWhen(true)] out MessageView? message, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        message = _data.Messages.Find(messageId);
        error = message is null ? NoSuchMessage(messageId) : message.DeletedAtMs is not null ? "that message was deleted." : null;
        return error is null;
    }

    private static string NoSuchMessage(string id) => $"there is no message with id '{id}' (`wisp history` and `wisp chat` show ids).";
}

/// <summary>Why an action on a message was not done.</summary>
/// <param name="Reason">A sentence for a person, saying what to do.</param>
/// <param name="NetworkFailed">True when the network did not take it (trying again later may work); false for a request that cannot work.</param>
public sealed record MessageActionFailure(string Reason, bool NetworkFailed);
