using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Storage;

public sealed class NamespacesTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(-30, true)]
    [InlineData(-10, true)]
    [InlineData(2, false)]
    [InlineData(11, false)]
    [InlineData(-1, false)]
    public void Public_inboxes_are_multiples_of_ten(int ns, bool expected)
    {
        Assert.Equal(expected, Namespaces.IsPublicInbox(ns));
        Assert.Equal(!expected, Namespaces.StoreNeedsSignature(ns));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(-21, true)]
    [InlineData(-981, true)]
    [InlineData(1, false)]
    [InlineData(-11, false)]
    [InlineData(-20, false)]
    [InlineData(21, false)]
    public void Public_outboxes_are_minus_20n_plus_1(int ns, bool expected) =>
        Assert.Equal(expected, Namespaces.IsPublicOutbox(ns));

    [Theory]
    [InlineData(-10, true)]
    [InlineData(-1, true)]
    [InlineData(-41, true)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(-11, false)]
    public void Unauthenticated_retrieve_is_legacy_groups_and_outboxes(int ns, bool expected) =>
        Assert.Equal(expected, Namespaces.IsUnauthenticatedRetrieve(ns));

    [Theory]
    [InlineData(-32768, true)]
    [InlineData(32767, true)]
    [InlineData(-32769, false)]
    [InlineData(32768, false)]
    public void Range_is_a_signed_16_bit_value(long ns, bool expected) =>
        Assert.Equal(expected, Namespaces.IsInRange(ns));

    [Theory]
    [InlineData(0, "")]
    [InlineData(5, "5")]
    [InlineData(-42, "-42")]
    public void Signature_text_is_empty_for_zero_and_decimal_otherwise(int ns, string expected)
    {
        Assert.Equal(expected, Namespaces.ToSignatureText(ns));
        Assert.Equal(expected, NamespaceScope.Of(ns).ToSignatureText());
    }

    [Fact]
    public void All_namespaces_sign_as_all()
    {
        Assert.Equal("all", NamespaceScope.All.ToSignatureText());
        Assert.True(NamespaceScope.All.IsAll);
        Assert.Null(NamespaceScope.All.Single);
    }

    [Fact]
    public void Config_and_group_namespaces_have_sessions_numbers()
    {
        Assert.Equal([2, 3, 4, 5], new[] { Namespaces.UserProfile, Namespaces.Contacts, Namespaces.ConvoInfoVolatile, Namespaces.UserGroups });
        Assert.Equal([11, 12, 13, 14], new[] { Namespaces.GroupMessages, Namespaces.GroupKeys, Namespaces.GroupInfo, Namespaces.GroupMembers });
    }
}
