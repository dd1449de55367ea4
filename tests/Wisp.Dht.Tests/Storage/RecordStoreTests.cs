using System.Net;
using Wisp.Dht.Storage;
using Wisp.Protocol.Dht;
using Wisp.Testing;

namespace Wisp.Dht.Tests.Storage;

/// <summary>What a node stores is capped per topic and in topics, and expires.</summary>
public sealed class RecordStoreTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ATopic_KeepsAtMostItsCap_NewestWinning()
    {
        var store = new RecordStore(_clock);
        var topic = DhtId.Hash("busy"u8);
        for (var i = 0; i < Limits.MaxRecordsPerTopic + 5; i++)
        {
            store.Put(topic, Record(i));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var kept = store.Get(topic);

        Assert.Equal(Limits.MaxRecordsPerTopic, kept.Count);
        Assert.Equal(Limits.MaxRecordsPerTopic + 4, kept[0].PublicKey[0]);
        Assert.DoesNotContain(kept, r => r.PublicKey[0] < 5);
    }

    [Fact]
    public void PastTheTopicCap_NewTopicsAreRefused()
    {
        var store = new RecordStore(_clock);
        for (var i = 0; i < Limits.MaxTopics; i++) Assert.True(store.Put(DhtId.Hash(BitConverter.GetBytes(i)), Record(1)));

        Assert.False(store.Put(DhtId.Hash("one more"u8), Record(1)));
        Assert.Equal(Limits.MaxTopics, store.Topics);
    }

    [Fact]
    public void RecordsExpire_AfterTheirTtl_AndFreeTheirTopic()
    {
        var store = new RecordStore(_clock);
        var topic = DhtId.Hash("brief"u8);
        store.Put(topic, Record(1));

        _clock.Advance(Limits.RecordTtl + TimeSpan.FromSeconds(1));

        Assert.Empty(store.Get(topic));
        store.Sweep();
        Assert.Equal(0, store.Topics);
    }

    [Fact]
    public void ForwardEntries_AreCapped()
    {
        var store = new ForwardStore(_clock);
        var at = new IPEndPoint(IPAddress.Loopback, 1);
        for (var i = 0; i < Limits.MaxForwardEntries; i++) Assert.True(store.Put(DhtId.Hash(BitConverter.GetBytes(i)), Record(1), at));

        Assert.False(store.Put(DhtId.Hash("one more"u8), Record(1), at));
        Assert.True(store.Put(DhtId.Hash(BitConverter.GetBytes(0)), Record(2), at)); // an existing server may refresh
    }

    private static PeerRecordWire Record(int key) => new([.. Enumerable.Repeat((byte)key, 32)], []);
}
