using Wisp.Community.Users;

namespace Wisp.Community.Tests.Users;

/// <summary>The Session IDs the users, moderation and DM routes take in their paths, as pysogs's URL converters.</summary>
public sealed class SessionIdTests
{
    private static readonly string Hex = new('a', 64);

    [Theory]
    [InlineData("05", true, false)]
    [InlineData("15", true, true)]
    [InlineData("25", true, true)]
    [InlineData("00", false, false)]
    [InlineData("03", false, false)]
    public void A_prefix_decides_which_routes_take_an_id(string prefix, bool any, bool blinded)
    {
        Assert.Equal((any, blinded), (SessionIds.IsAny(prefix + Hex), SessionIds.IsBlinded(prefix + Hex)));
    }

    [Theory]
    [InlineData("15")]
    [InlineData("15abc")]
    public void A_short_or_non_hex_id_is_no_id(string prefix)
    {
        Assert.False(SessionIds.IsAny(prefix + new string('g', 64)));
        Assert.False(SessionIds.IsAny(prefix));
    }

    [Fact]
    public void Ids_are_stored_in_lower_case()
    {
        Assert.Equal("15" + Hex, SessionIds.Normal("15" + Hex.ToUpperInvariant()));
    }
}
