using System.Net;
using Wisp.Dht.Routing;

namespace Wisp.Dht.Tests.Routing;

/// <summary>The routing table: rows of k, a full row names its oldest node, closest-first answers.</summary>
public sealed class RoutingTableTests
{
    private static readonly DhtId Self = DhtId.Hash("self"u8);

    [Fact]
    public void Closest_MatchesABruteForceSort()
    {
        var table = new RoutingTable(Self);
        var contacts = Enumerable.Range(1, 500).Select(i => Node(i)).ToList();
        foreach (var c in contacts) table.Add(c, out _);
        var target = DhtId.Hash("target"u8);

        var closest = table.Closest(target, Limits.K).Select(c => c.Id).ToList();

        var stored = table.All().Select(c => c.Id);
        Assert.Equal(stored.OrderBy(id => id, Comparer<DhtId>.Create(target.CompareDistance)).Take(Limits.K), closest);
    }

    [Fact]
    public void AFullRow_KeepsItsNodes_AndNamesTheOldestToPing()
    {
        var table = new RoutingTable(Self);
        // Row 0 holds the ids that differ from ours in the first bit: half of all addresses.
        var row0 = Enumerable.Range(1, 2000).Select(i => Node(i, seen: i)).Where(c => Self.CommonPrefixLength(c.Id) == 0).ToList();
        foreach (var c in row0.Take(Limits.K)) Assert.Equal(AddResult.Added, table.Add(c, out _));

        var result = table.Add(row0[Limits.K], out var oldest);

        Assert.Equal(AddResult.RowFull, result);
        Assert.Equal(row0.Take(Limits.K).MinBy(c => c.Seen)!.Id, oldest!.Id);
        Assert.Null(table.Get(row0[Limits.K].Id));
        Assert.True(table.Replace(oldest, row0[Limits.K]));
        Assert.NotNull(table.Get(row0[Limits.K].Id));
        Assert.Null(table.Get(oldest.Id));
        Assert.Equal(Limits.K, table.Count);
    }

    [Fact]
    public void AKnownNode_IsRefreshed_NotDoubled()
    {
        var table = new RoutingTable(Self);
        table.Add(Node(1, seen: 1), out _);

        Assert.Equal(AddResult.Refreshed, table.Add(Node(1, seen: 9), out _));
        Assert.Equal(1, table.Count);
        Assert.Equal(9, table.All()[0].Seen);
    }

    [Fact]
    public void Removed_IsGone()
    {
        var table = new RoutingTable(Self);
        var node = Node(3);
        table.Add(node, out _);

        Assert.True(table.Remove(node.Id));
        Assert.Equal(0, table.Count);
        Assert.Empty(table.Closest(node.Id, 5));
    }

    private static Contact Node(int i, long seen = 0) =>
        new(new IPEndPoint(new IPAddress([10, 0, (byte)(i >> 8), (byte)i]), 49737), seen);
}
