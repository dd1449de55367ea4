using Wisp.Client.Keys;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Devices;

/// <summary>
/// The account's device group (Session's device groups): this device's id, the devices of the group, link requests
/// both ways, removal. A device that did not come from a recovery phrase founds its group when first opened; one that
/// did asks to join (<see cref="RequestLinkAsync"/>) and joins once another device accepts and its user confirms the
/// emoji here. Account keys travel in the group's messages, so every device reads what is sent to the account.
/// </summary>
public sealed class ClientDevices
{
    private readonly DeviceGroupState _state;
    private readonly DeviceGroupEngine _engine;
    private readonly DeviceLinking _linking;
    private readonly DeviceSync _sync;
    private readonly ClientKeys _keys;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private bool? _wasMember;

    internal ClientDevices(DeviceGroupState state, Func<Swarm.SwarmClient?> network, ClientKeys keys)
    {
        _state = state;
        _keys = keys;
        _engine = new DeviceGroupEngine(state);
        _linking = new DeviceLinking(state);
        _sync = new DeviceSync(state, _engine, network);
        _engine.FoundIfNew();
        // The rotation timer spreads devices apart by their id and count (Session's per-device jitter).
        keys.Ring.DeviceId = () => _state.Self().DeviceId;
        keys.Ring.DeviceCount = () => Math.Max(1, List().Count(d => d.State == DeviceListState.Registered));
        // A rotation made here goes to the other devices in the group message.
        keys.Ring.Rotated += _ => { if (_state.Self().Joined) _state.Devices.Set("needs_push", 1); };
        ApplyPublishing();
    }

    /// <summary>The state underneath, for tests that check the stored bytes.</summary>
    internal DeviceGroupState State => _state;

    /// <summary>This device's id: 64 lower-case hex characters.</summary>
    public string OwnDeviceId => Convert.ToHexStringLower(_state.Self().DeviceId);

    /// <summary>True while this device is a member of a group.</summary>
    public bool InGroup => Membership == DeviceMembership.InGroup;

    /// <summary>Where this device stands.</summary>
    public DeviceMembership Membership
    {
        get
        {
            var self = _state.Self();
            if (self.RemovedAt is not null)
                return DeviceMembership.Removed;
            if (self.Joined)
                return DeviceMembership.InGroup;
            if (OutgoingLink() is { } own && (own.ExpiresMs > _state.NowMs() || own.Admitted))
                return DeviceMembership.Waiting;
            return _state.Requests.Groups().Count > 0 ? DeviceMembership.GroupsVisible : DeviceMembership.NoGroup;
        }
    }

    /// <summary>Every device the group knows, this one first, then by last update, newest first.</summary>
    public IReadOnlyList<DeviceSummary> List()
    {
        var self = _state.Self();
        return [.. _state.Devices.Entries().Values
            .Where(e => e.Record is not null)
            .Select(e => Summarize(e, e.Id.AsSpan().SequenceEqual(self.DeviceId)))
            .OrderByDescending(d => d.IsThisDevice).ThenBy(d => d.State).ThenByDescending(d => d.UpdatedSeconds)];
    }

    /// <summary>
    /// Puts this device's direct key (<see cref="DeviceGroupState.DirectKey"/>) in its own record when the record lacks it
    /// or holds another: a new seqno, and the group message owed, so the other devices learn it with the next push. No
    /// migration: a record without the key is simply rewritten once. True when the record changed.
    /// </summary>
    internal bool PublishDirectKey()
    {
        var self = _state.Self();
        if (!self.Joined || _state.DirectKey?.Invoke() is not { } key
            || !_state.Devices.Entries().TryGetValue(Convert.ToHexStringLower(self.DeviceId), out var own) || own.Record is not { } record)
            return false;
        if (record.DirectKey is { } held && held.AsSpan().SequenceEqual(key))
            return false;
        var updated = record with { Seq = Math.Max(record.Seq, self.Seq) + 1, Timestamp = Math.Max(_state.NowSeconds(), record.Timestamp + 1), DirectKey = key };
        lock (_state.Db.Gate)
        {
            using var transaction = _state.Db.Begin();
            _state.Devices.Put(new DeviceEntry(updated.Id, DeviceState.Registered, updated, null, null)); // own: no digest, never displaced
            _state.Devices.Set("seq", updated.Seq);
            _state.Devices.Set("needs_push", 1);
            transaction.Commit();
        }
        return true;
    }

    /// <summary>The group's other live devices, with the direct key each publishes (null when none).</summary>
    internal IReadOnlyList<Direct.OwnDevice> OtherDevices()
    {
        var self = _state.Self();
        if (!self.Joined)
            return [];
        return [.. _state.Devices.Entries().Values
            .Where(e => e.State == DeviceState.Registered && e.Record is not null && !e.Id.AsSpan().SequenceEqual(self.DeviceId))
            .Select(e => new Direct.OwnDevice(Convert.ToHexStringLower(e.Id), e.Record!.Description, e.Record.DirectKey))];
    }

    /// <summary>Requests from other devices still waiting for an answer, oldest first.</summary>
    public IReadOnlyList<LinkRequestView> Requests() => [.. _state.Requests.PendingIncoming(_state.NowMs())
        .Select(r => (Row: r, Record: Devices.DeviceStore.ReadRecordOf(r.Plaintext, _state.Account.PublicKey)))
        .Where(r => r.Record is not null)
        .Select(r => new LinkRequestView(r.Row.Id, r.Record!.IdHex, DeviceRecord.DescribeType(r.Record.Type), r.Record.Description,
            VersionText(r.Record.Version), r.Record.Timestamp, r.Row.ExpiresMs, LinkRequest.Sas(r.Row.Plaintext)))];

    /// <summary>This device's newest request to join, or null.</summary>
    public OutgoingLinkView? OutgoingLink() => _state.Requests.Own().FirstOrDefault() is { } own
        ? new OutgoingLinkView(Convert.ToHexStringLower(own.GroupId), LinkRequest.Sas(own.Plaintext), own.ExpiresMs, own.Confirmed, own.Admission is not null)
        : null;

    /// <summary>The device groups seen in the swarm, newest first.</summary>
    public IReadOnlyList<DeviceGroupView> Groups()
    {
        var mine = _state.Self().GroupId;
        return [.. _state.Requests.Groups().Select(g =>
        {
            var id = new DeviceGroupId(g.GroupId);
            return new DeviceGroupView(id.ToHex(), id.CreatedSeconds, id.Sas(), g.LastSeenMs, mine is not null && g.GroupId.AsSpan().SequenceEqual(mine));
        })];
    }

    /// <summary>Fetches namespace 21 and pushes this device's group message if one is owed. Null when it worked; else why not.</summary>
    public Task<string?> SyncAsync(CancellationToken cancellationToken, TimeSpan wait = default) => SyncAsync(cancellationToken, wait, startIfAlone: false);

    private async Task<string?> SyncAsync(CancellationToken cancellationToken, TimeSpan wait, bool startIfAlone)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (_, error) = await _sync.FetchAsync(wait, cancellationToken).ConfigureAwait(false);
            if (error is null && startIfAlone)
                StartIfAlone();
            ApplyPublishing();
            return error ?? await _sync.PushIfNeededAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Asks to join a group seen in the swarm (<paramref name="groupId"/> hex, or null for the newest): stores a link
    /// request and returns its emoji. Fetches first, so a fresh device finds the group.
    /// </summary>
    public async Task<(OutgoingLinkView? Request, string? Error)> RequestLinkAsync(string? groupId, CancellationToken cancellationToken)
    {
        if (await SyncAsync(cancellationToken).ConfigureAwait(false) is { } fetchError)
            return (null, fetchError);
        if (InGroup)
            return (null, "this device is already in a device group.");
        if (_state.Self().RemovedAt is not null)
            return (null, "this device was removed from its group: run `wisp device renew` for a new device id, then link again.");
        var groups = _state.Requests.Groups();
        var group = groupId is null ? groups.FirstOrDefault() : groups.FirstOrDefault(g => Convert.ToHexStringLower(g.GroupId) == groupId.ToLowerInvariant());
        if (group is null)
            return (null, groupId is null
                ? "no device group was found in this account's swarm: bring another device of the account online, or start one with `wisp device start`."
                : $"no device group {groupId} was found in this account's swarm.");
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (message, _, _) = _linking.BuildRequest(group);
            if (await _sync.StoreRequestAsync(message, cancellationToken).ConfigureAwait(false) is { } storeError)
                return (null, storeError);
            return (OutgoingLink(), null);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The user confirmed that the emoji match: joins now if the other device already accepted.</summary>
    public DeviceResult ConfirmLink()
    {
        if (OutgoingLink() is null)
            return DeviceResult.Failed("this device has not asked to join a group: run `wisp device link`.");
        _linking.Confirm();
        ApplyPublishing();
        return DeviceResult.Done;
    }

    /// <summary>Accepts a request and pushes the group message that admits the device.</summary>
    public Task<DeviceResult> AcceptAsync(long requestId, CancellationToken cancellationToken) =>
        ChangeAndPushAsync(() => _linking.Accept(requestId), cancellationToken);

    /// <summary>Denies a request on this device (another device may still accept it until it expires).</summary>
    public DeviceResult Deny(long requestId) => _linking.Deny(requestId);

    /// <summary>Removes a device (by id or a unique prefix) and pushes the removal with a new account key.</summary>
    public Task<DeviceResult> RemoveAsync(string deviceId, CancellationToken cancellationToken) =>
        ChangeAndPushAsync(() => _linking.Remove(deviceId), cancellationToken);

    /// <summary>Starts a new group with this device alone (a new account key), and pushes it.</summary>
    public Task<DeviceResult> StartGroupAsync(CancellationToken cancellationToken) => ChangeAndPushAsync(() =>
    {
        if (InGroup)
            return DeviceResult.Failed("this device is already in a device group.");
        _engine.Start(rotateKey: true);
        ApplyPublishing();
        return DeviceResult.Done;
    }, cancellationToken);

    /// <summary>A new device id and keys after a removal (messages and configs are kept); then link again.</summary>
    public DeviceResult RenewIdentity()
    {
        if (InGroup)
            return DeviceResult.Failed("this device is in a group; only a removed device (or one outside any group) renews its identity.");
        _state.Devices.Renew(_state.NowSeconds());
        _state.Requests.ClearOwn();
        return DeviceResult.Done;
    }

    /// <summary>Keeps the group in step while the client runs: waits on namespace 21, pushes what is owed.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await SyncAsync(cancellationToken, TimeSpan.FromSeconds(5), startIfAlone: true).ConfigureAwait(false) is not null)
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeviceResult> ChangeAndPushAsync(Func<DeviceResult> change, CancellationToken cancellationToken)
    {
        // Fetch first: what the other devices pushed meanwhile is merged into the message this one pushes.
        if (await SyncAsync(cancellationToken).ConfigureAwait(false) is { } fetchError)
            return DeviceResult.Failed(fetchError);
        DeviceResult result;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            result = change();
            if (result.Ok && await _sync.PushIfNeededAsync(cancellationToken).ConfigureAwait(false) is { } pushError)
                return DeviceResult.Failed($"saved here, but the group message could not be stored yet ({pushError}); it goes with the next sync.");
        }
        finally
        {
            _turn.Release();
        }
        return result;
    }

    // A running client (daemon, chat, web) on a restored device that finds no group at all in the swarm starts one, as
    // libsession lets an application choose to: the usual case is an account with one device, restored, whose keys must
    // be published. One-shot commands never do, so `wisp device link` on a fresh device cannot fork the account.
    private void StartIfAlone()
    {
        var self = _state.Self();
        if (self.Restored && !self.Joined && self.GroupId is null && self.RemovedAt is null && self.Fetched
            && _state.Requests.Groups().Count == 0 && _state.Requests.Own().Count == 0)
            _engine.Start(rotateKey: false);
    }

    // Only a member publishes the account's keys: a device outside the group holds keys the group does not have. Joining
    // (or starting a group) turns publishing on once; a member's own choice to stay v1-only (`wisp account keys
    // --publish off`) is left alone after that.
    private void ApplyPublishing()
    {
        var member = _state.Self().Joined;
        if (!member && _wasMember != false && _keys.Publishing)
            _keys.SetPublishing(false);
        else if (member && _wasMember == false && !_keys.Publishing)
            _keys.SetPublishing(true);
        _wasMember = member;
    }

    private static DeviceSummary Summarize(DeviceEntry entry, bool self) => new(
        Convert.ToHexStringLower(entry.Id),
        entry.State switch { DeviceState.Removed => DeviceListState.Removed, DeviceState.Left => DeviceListState.Left, _ => DeviceListState.Registered },
        DeviceRecord.DescribeType(entry.Record!.Type), entry.Record.Description, VersionText(entry.Record.Version), entry.Record.Timestamp,
        entry.GoneAt, self);

    private static string VersionText(long version) => $"{version / 1_000_000}.{version / 1000 % 1000}.{version % 1000}";
}
