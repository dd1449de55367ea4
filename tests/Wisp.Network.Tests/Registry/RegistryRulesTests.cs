using Wisp.Network.Registry;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Registry;

/// <summary>Structural rules, checked on correctly hashed and signed files so that only the rule can fail.</summary>
public sealed class RegistryRulesTests
{
    private static readonly Wisp.Crypto.Keys.Ed25519KeyPair Key = TestNodes.RegistryKey();

    /// <summary>A signed file of valid joins for nodes 0..2, then <paramref name="last"/> at version 4 (no rule checks when building).</summary>
    private static RegistryError RejectedWith(RegistryChange last, DateTimeOffset? time = null)
    {
        var ledger = LedgerBuilder.Joins(3);
        var entries = ledger.History.ToList();
        entries.Add(RegistryVersion.Create(4, ledger.Hash, time ?? TestNodes.Epoch.AddSeconds(10), last));
        var result = RegistryFile.Parse(Signing.File(Key, entries), Key.PublicKey);
        Assert.False(result.IsSuccess, "the file was accepted");
        Assert.Equal(4L, result.Error!.EntryVersion);
        return result.Error;
    }

    [Fact]
    public void A_node_cannot_join_twice()
    {
        Assert.Equal(RegistryErrorKind.DuplicateNode, RejectedWith(TestNodes.Join(1) with { Port = 40000 }).Kind);
    }

    [Fact]
    public void Two_nodes_cannot_share_an_address()
    {
        var error = RejectedWith(TestNodes.Join(3) with { Port = TestNodes.Join(0).Port });

        Assert.Equal(RegistryErrorKind.DuplicateNode, error.Kind);
        Assert.Contains("address", error.Message);
    }

    [Fact]
    public void An_unknown_node_cannot_leave()
    {
        Assert.Equal(RegistryErrorKind.UnknownNode, RejectedWith(new NodeLeave(TestNodes.Key(9))).Kind);
    }

    [Fact]
    public void An_unknown_node_cannot_update_its_address()
    {
        Assert.Equal(RegistryErrorKind.UnknownNode, RejectedWith(new NodeAddressUpdate(TestNodes.Key(9), "h", 1, "v")).Kind);
    }

    [Theory]
    [InlineData("127.0.0.1", 0, "0.1.0", "port")]
    [InlineData("", 1000, "0.1.0", "host")]
    [InlineData("bad host", 1000, "0.1.0", "host")]
    [InlineData("127.0.0.1", 1000, "", "software version")]
    [InlineData("127.0.0.1", 1000, "0.1 beta", "software version")]
    public void Fields_out_of_range_are_invalid(string host, int port, string version, string mentioned)
    {
        var error = RejectedWith(TestNodes.Join(3) with { Host = host, Port = port, SoftwareVersion = version });

        Assert.Equal(RegistryErrorKind.InvalidField, error.Kind);
        Assert.Contains(mentioned, error.Message);
    }

    [Fact]
    public void A_host_longer_than_a_dns_name_is_invalid()
    {
        var error = RejectedWith(TestNodes.Join(3) with { Host = new string('a', RegistryLimits.MaxHostBytes + 1) });

        Assert.Equal(RegistryErrorKind.InvalidField, error.Kind);
    }

    [Fact]
    public void The_x25519_key_must_be_the_conversion_of_the_ed25519_key()
    {
        var error = RejectedWith(TestNodes.Join(3) with { X25519Key = TestNodes.Join(4).X25519Key });

        Assert.Equal(RegistryErrorKind.InvalidField, error.Kind);
        Assert.Contains("X25519", error.Message);
    }

    [Fact]
    public void Time_cannot_go_backwards()
    {
        Assert.Equal(RegistryErrorKind.TimeWentBackwards, RejectedWith(TestNodes.Join(3), TestNodes.Epoch.AddSeconds(-1)).Kind);
    }

    [Fact]
    public void Version_numbers_must_be_consecutive()
    {
        var ledger = LedgerBuilder.Joins(3);
        var entries = ledger.History.ToList();
        entries.Add(RegistryVersion.Create(5, ledger.Hash, TestNodes.Epoch.AddSeconds(10), TestNodes.Join(3)));

        var result = RegistryFile.Parse(Signing.File(Key, entries), Key.PublicKey);

        Assert.Equal(RegistryErrorKind.VersionOutOfOrder, result.Error!.Kind);
        Assert.Equal(4L, result.Error.EntryVersion);
    }

    [Fact]
    public void The_ledger_refuses_a_bad_change_and_stays_as_it_was()
    {
        var ledger = LedgerBuilder.Joins(6);
        var (version, hash, swarms) = (ledger.Version, ledger.Hash, ledger.Swarms);

        var result = ledger.Append(new NodeLeave(TestNodes.Key(50)), TestNodes.Epoch.AddHours(1));

        Assert.False(result.IsSuccess);
        Assert.Equal((version, hash, swarms), (ledger.Version, ledger.Hash, ledger.Swarms));
    }

    [Fact]
    public void A_node_may_rejoin_after_leaving()
    {
        var ledger = LedgerBuilder.Joins(6);
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(2)));

        LedgerBuilder.Add(ledger, TestNodes.Join(2));

        Assert.Equal(8L, ledger.FindNode(TestNodes.Key(2))!.JoinedAt);
        Assert.True(ledger.FindNode(TestNodes.Key(2))!.IsActive);
        Assert.NotNull(ledger.Swarms.SwarmOf(TestNodes.Key(2)));
    }

    [Fact]
    public void The_authority_clock_going_backwards_keeps_times_in_order()
    {
        var ledger = LedgerBuilder.Joins(3);

        var entry = ledger.Append(TestNodes.Join(3), TestNodes.Epoch.AddDays(-1)).Value!;

        Assert.Equal(ledger.History[2].Time, entry.Time);
    }
}
