using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>The merge rules: seqno, tombstones, removal beats departure, spent ids stay spent.</summary>
public sealed class DeviceMergeTests : IDisposable
{
    private static readonly byte[] Self = Enumerable.Repeat((byte)0x01, 32).ToArray();
    private readonly DeviceKeys _keys = DeviceTestData.Keys(1);

    public void Dispose() => _keys.Dispose();

    private DeviceEntry Live(byte id, long seq, string description = "d") => DeviceEntry.Live(DeviceTestData.Record(id, _keys, seq, description));

    private static Dictionary<string, DeviceEntry> Held(params DeviceEntry[] entries) => entries.ToDictionary(e => Convert.ToHexStringLower(e.Id));

    [Fact]
    public void A_higher_seqno_wins_and_a_lower_or_equal_one_does_not()
    {
        var held = Held(Live(2, 5, "five"));
        Assert.Equal("six", DeviceMerge.Merge(held, [Live(2, 6, "six")], Self).Changed.Single().Record!.Description);
        Assert.Empty(DeviceMerge.Merge(held, [Live(2, 4, "four")], Self).Changed);
        Assert.Empty(DeviceMerge.Merge(held, [Live(2, 5, "five")], Self).Changed);
    }

    [Fact]
    public void A_record_absent_from_a_message_is_left_alone()
    {
        var held = Held(Live(2, 5), Live(3, 1));
        Assert.Empty(DeviceMerge.Merge(held, [Live(2, 5)], Self).Changed);
    }

    [Fact]
    public void A_removal_beats_a_departure_whatever_the_times_and_later_wins_within_a_kind()
    {
        var id = Enumerable.Repeat((byte)2, 32).ToArray();
        var left = DeviceEntry.Gone(id, DeviceState.Left, 2000);
        var removed = DeviceEntry.Gone(id, DeviceState.Removed, 1000);
        Assert.True(DeviceMerge.Outranks(removed, left));
        Assert.False(DeviceMerge.Outranks(left, removed));
        Assert.True(DeviceMerge.Outranks(DeviceEntry.Gone(id, DeviceState.Removed, 1001), removed));
        Assert.False(DeviceMerge.Outranks(DeviceEntry.Gone(id, DeviceState.Removed, 999), removed));
    }

    [Fact]
    public void A_tombstone_replaces_a_record_and_keeps_its_details()
    {
        var held = Held(Live(2, 5, "phone"));
        var merged = DeviceMerge.Merge(held, [DeviceEntry.Gone(Enumerable.Repeat((byte)2, 32).ToArray(), DeviceState.Removed, 10)], Self).Changed.Single();
        Assert.Equal(DeviceState.Removed, merged.State);
        Assert.Equal("phone", merged.Record!.Description);
    }

    [Fact]
    public void A_removed_device_cannot_come_back_with_a_higher_seqno_and_the_removal_is_restated()
    {
        var id = Enumerable.Repeat((byte)2, 32).ToArray();
        var held = Held(DeviceEntry.Gone(id, DeviceState.Removed, 10));
        var result = DeviceMerge.Merge(held, [Live(2, 99, "back again")], Self);
        Assert.Empty(result.Changed);
        Assert.Equal(id, result.Refused.Single());
    }

    [Fact]
    public void A_tombstone_for_an_unknown_device_is_kept()
    {
        var id = Enumerable.Repeat((byte)9, 32).ToArray();
        Assert.Equal(DeviceState.Removed, DeviceMerge.Merge(Held(), [DeviceEntry.Gone(id, DeviceState.Removed, 10)], Self).Changed.Single().State);
    }

    [Fact]
    public void Own_record_is_never_taken_from_a_message_but_own_removal_is_noticed()
    {
        var result = DeviceMerge.Merge(Held(Live(1, 1)), [Live(1, 50, "impostor")], Self);
        Assert.Empty(result.Changed);
        var removal = DeviceMerge.Merge(Held(Live(1, 1)), [DeviceEntry.Gone(Self, DeviceState.Removed, 10)], Self);
        Assert.NotNull(removal.SelfGone);
    }

    [Fact]
    public void Order_of_arrival_does_not_matter()
    {
        var id = Enumerable.Repeat((byte)2, 32).ToArray();
        DeviceEntry[] all = [Live(2, 3), DeviceEntry.Gone(id, DeviceState.Left, 50), Live(2, 7), DeviceEntry.Gone(id, DeviceState.Removed, 20)];
        DeviceEntry Final(IEnumerable<DeviceEntry> order)
        {
            var held = new Dictionary<string, DeviceEntry>();
            foreach (var e in order)
            {
                foreach (var c in DeviceMerge.Merge(held, [e], Self).Changed)
                    held[Convert.ToHexStringLower(c.Id)] = c;
            }
            return held.Values.Single();
        }
        var forward = Final(all);
        var backward = Final(all.Reverse());
        Assert.Equal((DeviceState.Removed, 20L), (forward.State, forward.GoneAt!.Value));
        Assert.Equal((forward.State, forward.GoneAt), (backward.State, backward.GoneAt));
    }
}
