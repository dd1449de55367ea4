namespace Wisp.Client.Communities;

public sealed partial class ClientCommunities
{
    /// <summary>
    /// Polls every joined room now: one <c>/batch</c> per server (pollInfo and messages since for each room, inbox and
    /// outbox since). Returns how many messages and DMs were new or changed; an error when a server could not be polled
    /// (the others still are).
    /// </summary>
    public async Task<CommunityResult<int>> FetchAsync(CancellationToken cancellationToken)
    {
        if (Calls() is not { } calls)
            return CommunityResult<int>.Failed(NotConnected);
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = 0;
            var errors = new List<string>();
            foreach (var group in _store.Rooms().GroupBy(r => r.BaseUrl))
            {
                var rooms = group.ToList();
                var server = Server(rooms[0]);
                var (inboxSince, outboxSince) = _store.DmPositions(server.Base);
                var poll = await calls.PollAsync(server, rooms, inboxSince, outboxSince, cancellationToken).ConfigureAwait(false);
                if (!poll.Ok)
                {
                    errors.Add(poll.Error!);
                    _publish(new CommunityEvent.PollFailed(server.Base, poll.Error!));
                    continue;
                }
                foreach (var room in poll.Value!.Rooms)
                {
                    if (room.Error is not null)
                        errors.Add(room.Error);
                    changed += TakeRoom(server, rooms.First(r => r.Token == room.Token), room);
                }
                changed += TakeDms(server, poll.Value.Inbox, outgoing: false) + TakeDms(server, poll.Value.Outbox, outgoing: true);
            }
            return errors.Count == 0
                ? CommunityResult<int>.Of(changed)
                : new CommunityResult<int>(changed, string.Join("; ", errors), null);
        }
        finally
        {
            _polling.Release();
        }
    }

    private int TakeRoom(CommunityServer server, RoomRow before, RoomPoll poll)
    {
        if (poll.Info is { } info)
        {
            _store.Polled(server.Base, info);
            var rows = _store.Rooms();
            var after = rows.First(r => r.BaseUrl == before.BaseUrl && r.Token == before.Token);
            if (after with { Seqno = before.Seqno } != before)
                _publish(new CommunityEvent.RoomChanged(View(after, rows)));
        }
        if (poll.Messages is not { Count: > 0 } messages)
            return 0;
        var stored = messages.Select(m => CommunityMessages.ToRow(server.Base, before.Token, m)).OfType<MessageRow>().ToList();
        var saved = _store.Save(server.Base, before.Token, stored, messages.Max(m => m.Seqno));
        foreach (var (row, added) in saved)
            _publish(added ? new CommunityEvent.MessageAdded(ToView(row)) : new CommunityEvent.MessageChanged(ToView(row)));
        return saved.Count;
    }

    private int TakeDms(CommunityServer server, IReadOnlyList<WireDm>? dms, bool outgoing)
    {
        if (dms is null)
            return 0;
        var taken = 0;
        foreach (var dm in dms.OrderBy(d => d.Id))
        {
            var view = CommunityMessages.OpenDm(_signer.Account, server, dm, outgoing, out _);
            if (view is null)
            {
                _store.MoveDmPosition(server.Base, outgoing, dm.Id); // unreadable: not read again
                continue;
            }
            if (_store.SaveDm(view))
            {
                taken++;
                _publish(new CommunityEvent.DmReceived(view));
            }
        }
        return taken;
    }
}
