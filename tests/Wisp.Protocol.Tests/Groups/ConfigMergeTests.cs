using Wisp.Protocol.Groups;
using static Wisp.Protocol.Tests.Groups.Data;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>Merging concurrent config messages, against libsession-util's conflict examples 3 and 4.</summary>
public sealed class ConfigMergeTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static ConfigMessage Load(bool mutable, params byte[][] messages) =>
        ConfigMerge.Load([.. messages.Select(m => (ReadOnlyMemory<byte>)m)], null, null, 5, (_, e) => throw e, mutable);

    private static (ConfigMessage A, ConfigMessage B) Concurrent125(ConfigMessage m124)
    {
        var a = m124.Increment();
        a.Data.D("dictB").Remove("foo");
        var b = m124.Increment();
        b.Data.Set("int1", I(5));
        return (a, b);
    }

    private static ConfigMessage TooOld120()
    {
        var m = ConfigMessage.CreateMutable(118).Increment().Increment();
        m.Data.Set("too old", S("won't see"));
        return m;
    }

    [Fact]
    public void Example_3_two_concurrent_edits_merge_into_the_next_seqno()
    {
        var m124 = ConfigMessageTests.Mutable124();
        Assert.Equal(Hex(ConfigVectors.Message("example2_h124")), Hex(m124.ComputeHash()));
        var (a, b) = Concurrent125(m124);
        Assert.Equal(Hex(ConfigVectors.Message("example3_h125a")), Hex(a.ComputeHash()));
        Assert.Equal(Hex(ConfigVectors.Message("example3_h125b")), Hex(b.ComputeHash()));

        var merged = Load(false, a.Serialize(), b.Serialize());
        Assert.True(merged.Merged);
        Assert.Equal(126, merged.Seqno);
        var expected = Printable(ConfigVectors.Message("example3_m126"));
        Assert.Equal(expected, Printable(merged.Serialize()));

        // Order, an already-included ancestor, and a message too far behind make no difference.
        Assert.Equal(expected, Printable(Load(false, b.Serialize(), a.Serialize()).Serialize()));
        Assert.Equal(expected, Printable(Load(false, m124.Serialize(), b.Serialize(), a.Serialize()).Serialize()));
        Assert.Equal(expected, Printable(Load(false, b.Serialize(), a.Serialize(), m124.Serialize()).Serialize()));
        Assert.Equal(expected, Printable(Load(false, b.Serialize(), TooOld120().Serialize(), a.Serialize()).Serialize()));
    }

    [Fact]
    public void Example_4_merging_merges_keeps_every_edit()
    {
        var m123 = ConfigMessage.Parse(ConfigVectors.Message("example1_m123"), null, null, 5);
        var m124a = m123.Increment();
        m124a.Data.D("dictB").Set("foo", I(66));
        m124a.Data.D("dictB").Set("answer", I(42));
        var m124b = m123.Increment();
        ConfigMessageTests.Updates124(m124b);
        Assert.Equal(Hex(ConfigVectors.Message("example2_h124")), Hex(m124b.ComputeHash()));

        var (m125a, m125b) = Concurrent125(m124b);
        var m126a = Load(false, m125a.Serialize(), m125b.Serialize());
        var m126b = Load(false, m125b.Serialize(), m124a.Serialize(), m125a.Serialize(), m123.Serialize(), TooOld120().Serialize());
        Assert.True(m124a.ComputeHash().AsSpan().SequenceCompareTo(m124b.Hash) < 0);
        Assert.True(m126a.Hash.AsSpan().SequenceCompareTo(m126b.Hash) < 0);

        var m127 = Load(true, m126a.Serialize(), m126b.Serialize());
        Assert.Equal(127, m127.Seqno);
        m127.Data.D("dictA").SetAt("goodbye").Items.Add(I(789));

        var expectedData = Dict(
            ("dictA", Dict(("goodbye", Set(I(123), I(456), I(789))), ("hello", I(123)))),
            ("dictB", Dict(("added", I(9999)), ("answer", I(42)), ("changed", I(1)), ("nested", Dict(("a", I(1)))))),
            ("good", Set(I(99), I(123), S("Foo"), S("bar"))),
            ("int1", I(5)),
            ("int2", I(2)),
            ("string2", S("hello")),
            ("string3", S("omg")));
        Assert.True(m127.Data.SameAs(expectedData));

        var text = Printable(m127.Serialize());
        var expected = Printable(ConfigVectors.Message("example4_m127_template"))
            .Replace(new string('\u00aa', 32), Printable(m124a.Hash), StringComparison.Ordinal)
            .Replace(new string('\u00bb', 32), Printable(m126a.Hash), StringComparison.Ordinal)
            .Replace(new string('\u00cc', 32), Printable(m126b.Hash), StringComparison.Ordinal);
        Assert.Equal(expected, text);
        Assert.StartsWith("d1:#i127e1:&d5:dictAd7:goodbyeli123ei456ei789ee5:helloi123ee", text, StringComparison.Ordinal);
        Assert.EndsWith("1:=d5:dictAd7:goodbyelli789eeleeeee", text, StringComparison.Ordinal);
        Assert.Contains("li126e32:" + Printable(m126a.Hash) + "dee", text, StringComparison.Ordinal);
        Assert.Contains("li126e32:" + Printable(m126b.Hash) + "dee", text, StringComparison.Ordinal);
        Assert.Contains("li124e32:" + Printable(m124a.Hash) + "d5:dictBd6:answer0:3:foo0:eee", text, StringComparison.Ordinal);
        Assert.Contains("li125e32:" + Printable(ConfigVectors.Message("example3_h125b")) + "d4:int10:ee", text, StringComparison.Ordinal);

        var again = Load(false, m127.Serialize(), m125a.Serialize(), m126b.Serialize());
        Assert.Equal(127, again.Seqno);
        Assert.Equal(Hex(m127.ComputeHash()), Hex(again.Hash));
    }
}
