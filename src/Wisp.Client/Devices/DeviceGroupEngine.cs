using Wisp.Crypto;
using Wisp.Protocol.Devices;
using Wisp.Protocol.Rpc;

namespace Wisp.Client.Devices;

/// <summary>
/// The device group's state machine without the network: founding a group, building this device's group message, and
/// taking in what namespace 21 holds (group messages to merge, link requests to show, an admission, a removal).
/// </summary>
internal sealed class DeviceGroupEngine(DeviceGroupState state)
{
    /// <summary>
    /// A device that did not come from a recovery phrase founds its group when first opened (a new account, or one from
    /// before device groups): itself the only member, a new identifier, and a push owed. True when it founded one now.
    /// </summary>
    public bool FoundIfNew()
    {
        var self = state.Self();
        if (self.Restored || self.Joined || self.GroupId is not null || self.RemovedAt is not null)
            return false;
        Start(rotateKey: false);
        return true;
    }

    /// <summary>Starts a group with this device as its only member (a new account key when <paramref name="rotateKey"/>).</summary>
    public void Start(bool rotateKey)
    {
        var self = state.Self();
        var now = state.NowSeconds();
        if (rotateKey)
            state.Ring.Rotate(DateTimeOffset.FromUnixTimeMilliseconds(state.NowMs()));
        else
            state.Ring.EnsureCurrent(DateTimeOffset.FromUnixTimeMilliseconds(state.NowMs()));
        var group = DeviceGroupId.Create(now, RandomBytes.Get(4));
        using (var keys = new KeySet(state.Devices.Keys()))
        {
            var record = state.OwnRecord(self, keys.Current, 1, now);
            state.Devices.ClearDevices();
            state.Devices.Put(new DeviceEntry(record.Id, DeviceState.Registered, record, null, null));
        }
        state.Devices.Set("group_id", group.Span.ToArray());
        state.Devices.Set("seq", 1L);
        state.Devices.Set("joined", 1);
        state.Devices.Set("needs_push", 1);
        state.Requests.ClearOwn();
    }

    /// <summary>This device's group message: every device entry it holds (its own record included) and the account keys.</summary>
    public byte[] BuildMessage()
    {
        var self = state.Self();
        if (!self.Joined || self.GroupId is null)
            throw new InvalidOperationException("This device is not in a device group.");
        var entries = state.Devices.Entries().Values.ToList();
        var current = state.Ring.Current() ?? throw new InvalidOperationException("The account key ring is empty.");
        using var link = current.Expand();
        var payload = new DeviceGroupPayload(entries, state.AccountKeys());
        return DeviceGroupSealer.Seal(payload, new DeviceGroupId(self.GroupId), link.X25519.PublicKey.Span, state.Account, RandomBytes.Fill);
    }

    /// <summary>Takes in one namespace-21 message; what it changed.</summary>
    public DeviceChange Receive(RetrievedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DeviceGroupMessage.KindOf(message.Data) switch
        {
            "G" => ReceiveGroupMessage(message),
            "L" => ReceiveLinkRequest(message),
            _ => DeviceChange.None,
        };
    }

    private DeviceChange ReceiveGroupMessage(RetrievedMessage stored)
    {
        if (DeviceGroupMessage.TryDecode(stored.Data, state.Account.PublicKey, out _) is not { } message
            || DeviceGroupSealer.GroupOf(message, state.Account.Seed) is not { } group)
            return DeviceChange.None;
        state.Requests.SeeGroup(group.Span.ToArray(), message.LinkX25519, stored.TimestampMs);
        var self = state.Self();
        var ours = self.GroupId is not null && group.Span.SequenceEqual(self.GroupId);
        if (self.Joined && ours)
            return MergeFromGroup(self, message);
        if (!self.Joined)
            return new DeviceLinking(state).ConsiderAdmission(self, group, message, stored.Data);
        return DeviceChange.None;
    }

    private DeviceChange MergeFromGroup(DeviceSelf self, DeviceGroupMessage message)
    {
        using var keys = new KeySet(state.Devices.Keys());
        var plaintext = DeviceGroupSealer.TryOpen(message, keys.All);
        if (plaintext is null)
        {
            // No slot for us: either a removal names us, or the message predates our keys (ignored).
            if (!DeviceGroupSealer.NamesKicked(message, state.Account.Seed, self.DeviceId))
                return DeviceChange.None;
            MarkRemoved();
            return DeviceChange.Removed;
        }
        if (DeviceGroupPayload.TryDecode(plaintext, out _) is not { } payload)
            return DeviceChange.None;
        var held = state.Devices.Entries();
        var merge = DeviceMerge.Merge(held, payload.Devices, self.DeviceId);
        foreach (var entry in merge.Changed)
        {
            state.Devices.Put(entry);
            if (entry.State == DeviceState.Registered)
                state.Requests.AnswerFor(entry.Id);
        }
        if (merge.Refused.Count > 0)
            state.Devices.Set("needs_push", 1); // restate the removal for devices that never saw it
        state.Ring.Merge(DeviceGroupState.ToRing(payload.AccountKeys), DateTimeOffset.FromUnixTimeMilliseconds(state.NowMs()));
        if (merge.SelfGone is { State: DeviceState.Removed })
        {
            MarkRemoved();
            return DeviceChange.Removed;
        }
        return merge.Changed.Count > 0 ? DeviceChange.DevicesChanged : DeviceChange.None;
    }

    private void MarkRemoved()
    {
        state.Devices.Set("removed_at", state.NowSeconds());
        state.Devices.Set("joined", 0);
        state.Devices.Set("needs_push", 0);
    }

    private DeviceChange ReceiveLinkRequest(RetrievedMessage stored)
    {
        var self = state.Self();
        if (!self.Joined)
            return DeviceChange.None;
        var ring = state.Ring.All().Select(e => e.Expand()).ToList();
        try
        {
            if (LinkRequest.TryOpen(stored.Data, state.Account, ring.Select(k => k.X25519)) is not { } plaintext
                || LinkRequest.TryReadPlaintext(plaintext, state.Account.PublicKey, out _) is not { } record
                || record.Id.AsSpan().SequenceEqual(self.DeviceId))
                return DeviceChange.None;
            // A spent id (removed, left) cannot ask; a device already in the group asking to replace itself is not
            // handled by Wisp yet and is ignored.
            if (state.Devices.Entries().ContainsKey(record.IdHex))
                return DeviceChange.None;
            return state.Requests.AddIncoming(stored.Hash, record.Id, plaintext, state.NowMs(), stored.ExpiryMs)
                ? DeviceChange.NewRequest
                : DeviceChange.None;
        }
        finally
        {
            foreach (var key in ring)
                key.Dispose();
        }
    }
}

/// <summary>What taking in one message changed.</summary>
internal enum DeviceChange
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The device list changed.</summary>
    DevicesChanged,

    /// <summary>A new link request to show.</summary>
    NewRequest,

    /// <summary>This device joined a group.</summary>
    Joined,

    /// <summary>This device was admitted, and joining waits for the user's confirmation of the emoji.</summary>
    AdmissionHeld,

    /// <summary>This device was removed.</summary>
    Removed,
}

/// <summary>A device's key pairs, disposed together; the current one first.</summary>
internal sealed class KeySet(List<DeviceKeys> keys) : IDisposable
{
    public IReadOnlyList<DeviceKeys> All => keys;

    public DeviceKeys Current => keys.Count > 0 ? keys[0] : throw new InvalidOperationException("This device has no keys.");

    public void Dispose()
    {
        foreach (var key in keys)
            key.Dispose();
    }
}
