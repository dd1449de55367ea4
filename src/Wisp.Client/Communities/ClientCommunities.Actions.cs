using System.Text;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Communities;

public sealed partial class ClientCommunities
{
    /// <summary>Posts <paramref name="text"/> to the room as Session's clients post: a signed, padded Content protobuf.</summary>
    public Task<CommunityResult<CommunityMessageView>> PostAsync(string room, string text, CancellationToken cancellationToken) =>
        PostAsync(room, text, null, cancellationToken);

    /// <summary>Posts <paramref name="text"/> quoting message <paramref name="messageId"/> (Session's quote: its author, time and text).</summary>
    public Task<CommunityResult<CommunityMessageView>> ReplyAsync(string room, long messageId, string text, CancellationToken cancellationToken) =>
        PostAsync(room, text, messageId, cancellationToken);

    private async Task<CommunityResult<CommunityMessageView>> PostAsync(string room, string text, long? quoteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = _store.Rooms();
        if (Resolve(room, rows, out var error) is not { } row)
            return CommunityResult<CommunityMessageView>.Failed(error!);
        if (CheckText(text) is { } problem)
            return CommunityResult<CommunityMessageView>.Failed(problem);
        MessageRow? quoted = null;
        if (quoteId is { } id && (quoted = _store.Get(row.BaseUrl, row.Token, id)) is null)
            return CommunityResult<CommunityMessageView>.Failed($"no message {id} in \"{room}\" here; `wisp community read {room}` fetches the newest");
        if (quoted is { Deleted: true })
            return CommunityResult<CommunityMessageView>.Failed($"message {quoteId} was deleted");
        if (Calls() is not { } calls)
            return CommunityResult<CommunityMessageView>.Failed(NotConnected);

        var server = Server(row);
        var quotedContent = quoted?.Data is { } qd ? CommunityContent.Read(qd) : null;
        var data = CommunityContent.Text(text, _nowMs(), _displayName(), quoted is null ? null : quoted.SentMs ?? quoted.PostedMs,
            quoted?.Sender, quotedContent?.Text);
        var signature = _signer.KeysFor(server).Sign(data);
        var posted = await calls.PostAsync(server, row.Token, data, signature, cancellationToken).ConfigureAwait(false);
        if (!posted.Ok)
            return CommunityResult<CommunityMessageView>.From(posted);
        // Keep what was posted now (the poll brings it too); the room's seqno stays, so nothing posted between is skipped.
        var message = posted.Value! with { Data = data, Signature = signature, SessionId = posted.Value.SessionId ?? _signer.KeysFor(server).Id.Hex };
        if (CommunityMessages.ToRow(row.BaseUrl, row.Token, message) is not { } stored)
            return CommunityResult<CommunityMessageView>.Failed($"{server.Base} answered the post with a message this client cannot read", posted.Status);
        foreach (var (saved, added) in _store.Save(row.BaseUrl, row.Token, [stored], row.Seqno))
            _publish(added ? new CommunityEvent.MessageAdded(ToView(saved)) : new CommunityEvent.MessageChanged(ToView(saved)));
        Poller.Nudge();
        return new CommunityResult<CommunityMessageView>(ToView(_store.Get(row.BaseUrl, row.Token, stored.Id)!), null, posted.Status);
    }

    /// <summary>Adds reaction <paramref name="emoji"/> to message <paramref name="messageId"/>.</summary>
    public Task<CommunityResult> ReactAsync(string room, long messageId, string emoji, CancellationToken cancellationToken) =>
        ReactAsync(room, messageId, emoji, remove: false, cancellationToken);

    /// <summary>Takes this account's reaction <paramref name="emoji"/> off message <paramref name="messageId"/>.</summary>
    public Task<CommunityResult> UnreactAsync(string room, long messageId, string emoji, CancellationToken cancellationToken) =>
        ReactAsync(room, messageId, emoji, remove: true, cancellationToken);

    private async Task<CommunityResult> ReactAsync(string room, long messageId, string emoji, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        if (Resolve(room, _store.Rooms(), out var error) is not { } row)
            return CommunityResult.Failed(error!);
        emoji = emoji.Trim();
        if (emoji.Length == 0 || Encoding.UTF8.GetByteCount(emoji) > CommunityLimits.MaxReactionBytes)
            return CommunityResult.Failed($"a reaction is one emoji of 1–{CommunityLimits.MaxReactionBytes} bytes");
        if (Calls() is not { } calls)
            return CommunityResult.Failed(NotConnected);
        var done = await calls.ReactAsync(Server(row), row.Token, messageId, emoji, remove, cancellationToken).ConfigureAwait(false);
        if (done.Ok)
            Poller.Nudge();
        return done;
    }

    /// <summary>Deletes message <paramref name="messageId"/>: this account's own, or, as a moderator, anyone's.</summary>
    public async Task<CommunityResult> DeleteAsync(string room, long messageId, CancellationToken cancellationToken)
    {
        if (Resolve(room, _store.Rooms(), out var error) is not { } row)
            return CommunityResult.Failed(error!);
        if (Calls() is not { } calls)
            return CommunityResult.Failed(NotConnected);
        var done = await calls.DeleteAsync(Server(row), row.Token, messageId, cancellationToken).ConfigureAwait(false);
        if (done.Ok)
            Poller.Nudge();
        return done;
    }

    /// <summary>
    /// Sends a direct message to the member <paramref name="blindedId"/> (<c>15…</c>) on the room's server, encrypted
    /// with Session's blinded-message encryption so that only they read it (and learn this account's Account ID).
    /// </summary>
    public async Task<CommunityResult<CommunityDmView>> SendDmAsync(string room, string blindedId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Resolve(room, _store.Rooms(), out var error) is not { } row)
            return CommunityResult<CommunityDmView>.Failed(error!);
        if (!Crypto.Blinding.BlindedId.TryParse(blindedId?.Trim(), out var recipient, out var idError))
            return CommunityResult<CommunityDmView>.Failed($"\"{blindedId}\" is not a member's blinded ID (15… or 25…, 66 hex characters): {idError}");
        if (CheckText(text) is { } problem)
            return CommunityResult<CommunityDmView>.Failed(problem);
        if (Calls() is not { } calls)
            return CommunityResult<CommunityDmView>.Failed(NotConnected);
        var server = Server(row);
        var sentMs = _nowMs();
        var plain = CommunityContent.Text(text, sentMs, _displayName(), null, null, null);
        byte[] ciphertext;
        try
        {
            ciphertext = BlindedMessages.Encrypt(_signer.Account, server.Key, recipient, plain);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return CommunityResult<CommunityDmView>.Failed($"cannot encrypt to {recipient.Hex}: {e.Message}");
        }
        var sent = await calls.SendDmAsync(server, recipient.Hex, ciphertext, cancellationToken).ConfigureAwait(false);
        if (!sent.Ok)
            return CommunityResult<CommunityDmView>.From(sent);
        var dm = new CommunityDmView(server.Base, sent.Value!.Id, Outgoing: true, recipient.Hex, _signer.Account.AccountId.Hex,
            (long)(sent.Value.PostedAt * 1000), text);
        _store.SaveDm(dm);
        return new CommunityResult<CommunityDmView>(dm, null, sent.Status);
    }

    /// <summary>Bans <paramref name="sessionId"/> from the room (or, with <paramref name="global"/>, the server), for <paramref name="timeout"/> or for good.</summary>
    public Task<CommunityResult> BanAsync(string room, string sessionId, bool global, TimeSpan? timeout, CancellationToken cancellationToken) =>
        BanAsync(room, sessionId, global, timeout, unban: false, cancellationToken);

    /// <summary>Lifts a ban of <paramref name="sessionId"/> in the room (or, with <paramref name="global"/>, server-wide).</summary>
    public Task<CommunityResult> UnbanAsync(string room, string sessionId, bool global, CancellationToken cancellationToken) =>
        BanAsync(room, sessionId, global, null, unban: true, cancellationToken);

    private async Task<CommunityResult> BanAsync(
        string room, string sessionId, bool global, TimeSpan? timeout, bool unban, CancellationToken cancellationToken)
    {
        if (Resolve(room, _store.Rooms(), out var error) is not { } row)
            return CommunityResult.Failed(error!);
        sessionId = sessionId?.Trim() ?? "";
        if (!IsBlinded(sessionId) && !AccountId.TryParse(sessionId, out _, out _))
            return CommunityResult.Failed($"\"{sessionId}\" is neither a blinded ID (15…) nor an Account ID (05…)");
        if (timeout is { } t && t <= TimeSpan.Zero)
            return CommunityResult.Failed("a ban's duration must be positive");
        if (Calls() is not { } calls)
            return CommunityResult.Failed(NotConnected);
        return await calls.BanAsync(Server(row), sessionId, [row.Token], global, timeout, unban, cancellationToken).ConfigureAwait(false);
    }

    private CommunityMessageView ToView(MessageRow row)
    {
        var rows = _store.Rooms();
        var room = rows.First(r => r.BaseUrl == row.BaseUrl && r.Token == row.Token);
        return CommunityMessages.ToView(row, Reference(room, rows), OwnId(room), _store);
    }
}
