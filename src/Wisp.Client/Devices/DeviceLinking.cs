using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Devices;

/// <summary>
/// Linking and removing: a new device's request and its admission (joined only once the user here confirmed the
/// emoji), an existing device's accept and deny, and removal (a tombstone and a new account key in the same push).
/// </summary>
internal sealed class DeviceLinking(DeviceGroupState state)
{
    /// <summary>A request to join <paramref name="group"/>: the message to store, the emoji, and when it lapses.</summary>
    public (byte[] Message, string[] Sas, long ExpiresMs) BuildRequest(SeenGroupRow group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var self = state.Self();
        var now = state.NowSeconds();
        // Each request stamped later than the one before, so an admission names exactly one of them.
        var last = state.Requests.Own().Select(r => DeviceStore.ReadRecordOf(r.Plaintext, state.Account.PublicKey)?.Timestamp ?? 0).DefaultIfEmpty(0).Max();
        DeviceRecord record;
        using (var keys = new KeySet(state.Devices.Keys()))
            record = state.OwnRecord(self, keys.Current, Math.Max(1, self.Seq + 1), Math.Max(now, last + 1));
        var plaintext = LinkRequest.EncodePlaintext(record, state.Account);
        var message = LinkRequest.Seal(plaintext, group.LinkKey, state.Account.X25519PublicKey, RandomBytes.Get(32));
        var expires = state.NowMs() + (long)DeviceGroupLimits.LinkRequestTtl.TotalMilliseconds;
        state.Requests.AddOwn(group.GroupId, record.X25519PublicKey, plaintext, state.NowMs(), expires);
        return (message, LinkRequest.Sas(plaintext), expires);
    }

    /// <summary>A group message seen while outside a group: an admission of one of this device's requests, or nothing.</summary>
    public DeviceChange ConsiderAdmission(DeviceSelf self, DeviceGroupId group, DeviceGroupMessage message, byte[] stored)
    {
        var own = state.Requests.Own().Where(r => group.Span.SequenceEqual(r.GroupId)).ToList();
        if (own.Count == 0)
            return DeviceChange.None;
        DeviceGroupPayload? payload;
        using (var keys = new KeySet(state.Devices.Keys()))
            payload = DeviceGroupSealer.TryOpen(message, keys.All) is { } plaintext ? DeviceGroupPayload.TryDecode(plaintext, out _) : null;
        var mine = payload?.Devices.FirstOrDefault(d => d.State == DeviceState.Registered && d.Id.AsSpan().SequenceEqual(self.DeviceId));
        if (payload is null || mine is null)
            return DeviceChange.None;
        var match = own.FirstOrDefault(r => r.X25519.AsSpan().SequenceEqual(mine.Record!.X25519PublicKey));
        if (match is null)
            return DeviceChange.None; // it admits a record this device never asked for
        if (match.Confirmed)
        {
            Join(group, payload, mine.Record!);
            return DeviceChange.Joined;
        }
        // Only the newest request waits for its confirmation; an older unconfirmed one has been moved past.
        if (match.Id != state.Requests.Own()[0].Id)
            return DeviceChange.None;
        state.Requests.UpdateOwn(match.Id, admission: stored);
        return DeviceChange.AdmissionHeld;
    }

    /// <summary>The user confirmed the newest request's emoji: joins at once if an admission is already held.</summary>
    public DeviceChange Confirm()
    {
        var newest = state.Requests.Own().FirstOrDefault();
        if (newest is null)
            return DeviceChange.None;
        state.Requests.UpdateOwn(newest.Id, confirmed: true);
        if (newest.Admission is not { } admission)
            return DeviceChange.None;
        var self = state.Self();
        if (DeviceGroupMessage.TryDecode(admission, state.Account.PublicKey, out _) is not { } message
            || DeviceGroupSealer.GroupOf(message, state.Account.Seed) is not { } group)
            return DeviceChange.None;
        return ConsiderAdmission(self, group, message, admission);
    }

    /// <summary>Accepts request <paramref name="id"/>: the device's record goes in, and the group message is owed.</summary>
    public DeviceResult Accept(long id)
    {
        var self = state.Self();
        if (!self.Joined)
            return DeviceResult.Failed("this device is not in a device group, so it cannot admit another.");
        if (state.Requests.Incoming(id) is not { } request || request.Status != DeviceRequestStore.Pending)
            return DeviceResult.Failed($"there is no pending link request {id}: see `wisp device requests`.");
        if (request.ExpiresMs <= state.NowMs())
            return DeviceResult.Failed($"link request {id} has expired: ask the new device to run `wisp device link` again.");
        if (DeviceStore.ReadRecordOf(request.Plaintext, state.Account.PublicKey) is not { } record)
            return DeviceResult.Failed($"link request {id} cannot be read.");
        if (state.Devices.Entries().ContainsKey(record.IdHex))
            return DeviceResult.Failed("that device id is already known to the group (in it, or removed); it must ask under a new id.");
        state.Devices.Put(DeviceEntry.Live(record));
        state.Requests.SetStatus(id, DeviceRequestStore.Accepted);
        state.Devices.Set("needs_push", 1);
        return DeviceResult.Done;
    }

    /// <summary>Denies request <paramref name="id"/> here (another device may still accept it until it expires).</summary>
    public DeviceResult Deny(long id)
    {
        if (state.Requests.Incoming(id) is not { Status: DeviceRequestStore.Pending })
            return DeviceResult.Failed($"there is no pending link request {id}: see `wisp device requests`.");
        state.Requests.SetStatus(id, DeviceRequestStore.Denied);
        return DeviceResult.Done;
    }

    /// <summary>
    /// Removes device <paramref name="idHex"/> (a unique prefix will do): a removal tombstone, and a new account key, both
    /// in the next push, which the removed device gets no key to.
    /// </summary>
    public DeviceResult Remove(string idHex)
    {
        ArgumentNullException.ThrowIfNull(idHex);
        var self = state.Self();
        if (!self.Joined)
            return DeviceResult.Failed("this device is not in a device group.");
        var matches = state.Devices.Entries().Values
            .Where(e => e.State == DeviceState.Registered && Convert.ToHexStringLower(e.Id).StartsWith(idHex.ToLowerInvariant(), StringComparison.Ordinal))
            .ToList();
        if (matches.Count != 1)
            return DeviceResult.Failed(matches.Count == 0
                ? $"no device in the group has an id starting '{idHex}': see `wisp device list`."
                : $"'{idHex}' matches {matches.Count} devices; give more of the id.");
        var target = matches[0];
        if (target.Id.AsSpan().SequenceEqual(self.DeviceId))
            return DeviceResult.Failed("a device cannot remove itself.");
        state.Devices.Put(target with { State = DeviceState.Removed, GoneAt = state.NowSeconds(), Digest = null });
        state.Ring.Rotate(DateTimeOffset.FromUnixTimeMilliseconds(state.NowMs()));
        state.Devices.Set("needs_push", 1);
        return DeviceResult.Done;
    }

    private void Join(DeviceGroupId group, DeviceGroupPayload payload, DeviceRecord mine)
    {
        using (var transaction = state.Db.Begin())
        {
            state.Devices.ClearDevices();
            foreach (var entry in payload.Devices)
                state.Devices.Put(entry.Id.AsSpan().SequenceEqual(mine.Id) ? entry with { Digest = null } : entry);
            state.Devices.Set("group_id", group.Span.ToArray());
            state.Devices.Set("seq", mine.Seq);
            state.Devices.Set("joined", 1);
            state.Devices.Set("removed_at", null);
            state.Requests.ClearOwn();
            state.AdoptAccountKeys(payload.AccountKeys);
            transaction.Commit();
        }
    }
}
