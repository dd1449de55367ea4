using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using static Wisp.Protocol.Tests.Groups.Data;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The config message against libsession-util's tests/test_configdata.cpp (vectors in Vectors/libsession).</summary>
public sealed class ConfigMessageTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static ConfigMessage Seqno10()
    {
        var m = ConfigMessage.CreateMutable(10);
        m.Data.Set("foo", I(123));
        m.Data.Set("bar", Dict(("asdf", I(123)), ("xyz", S("abc")), ("", Set(S("a"), S("b"), I(42)))));
        return m;
    }

    [Fact]
    public void Serialises_and_hashes_a_message_and_its_increments_as_libsession()
    {
        var m = Seqno10();
        Assert.Equal(Printable(ConfigVectors.Message("serialization_m10")), Printable(m.Serialize()));
        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash0")), Hex(m.ComputeHash()));

        var m1 = m.Increment();
        m1.Data.Remove("foo");
        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash1")), Hex(m1.ComputeHash()));

        var m2 = m1.Increment();
        m2.Data.Set("foo", I(123));
        m2.Data.D("bar").Set("xyz", I(42));
        m2.Data.D("bar").Set("a", I(42));
        m2.Data.D("bar").SetAt("").Items.Add(S("c"));
        m2.Data.D("bar").SetAt("").Items.Add(I(99));
        m2.Data.D("bar").SetAt("").Items.Remove(S("b"));
        m2.Data.D("bar").SetAt("").Items.Add(I(42));
        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash2")), Hex(m2.ComputeHash()));
        Assert.Equal(Printable(ConfigVectors.Message("serialization_m12")), Printable(m2.Serialize()));

        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash3")), Hex(m2.Increment().ComputeHash()));
        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash4")), Hex(m2.Increment().Increment().ComputeHash()));
        var m5 = m2.Increment().Increment().Increment();
        Assert.Equal(Hex(ConfigVectors.Message("serialization_hash5")), Hex(m5.ComputeHash()));
        Assert.Equal(Printable(ConfigVectors.Message("serialization_m15")), Printable(m5.Serialize()));
    }

    [Fact]
    public void Signs_the_bytes_before_the_signature_key_and_verifies_them()
    {
        using var signer = Ed25519KeyPair.FromSeed(ConfigVectors.Message("signature_secret_key").AsSpan(0, 32));
        var m = Seqno10();
        m.Signer = signer;
        var expected = ConfigVectors.Message("signature_signed_message");
        Assert.Equal(Printable(expected), Printable(m.Serialize()));

        var parsed = ConfigMessage.Parse(expected, signer.PublicKey, null, ConfigLimits.DiffLags);
        Assert.Equal(Hex(ConfigVectors.Message("signature_signature")), Hex(parsed.Signature!));
        Assert.Equal(Hex(m.ComputeHash()), Hex(parsed.Hash));
        Assert.Equal(Printable(expected), Printable(parsed.Serialize()));
    }

    [Fact]
    public void A_broken_signature_or_a_missing_one_is_refused_when_verifying()
    {
        using var signer = Ed25519KeyPair.FromSeed(ConfigVectors.Message("signature_secret_key").AsSpan(0, 32));
        var expected = ConfigVectors.Message("signature_signed_message");
        var broken = expected.ToArray();
        Assert.Equal(0x07, broken[^2]);
        broken[^2] = 0x17;

        var error = Assert.Throws<ConfigFormatException>(() => ConfigMessage.Parse(broken, signer.PublicKey, null, 5));
        Assert.Equal("Config signature failed verification", error.Message);

        var unsigned = ConfigVectors.Message("serialization_m10");
        var missing = Assert.Throws<ConfigFormatException>(() => ConfigMessage.Parse(unsigned, signer.PublicKey, null, 5));
        Assert.Equal("Config signature is missing", missing.Message);

        // Of a broken and a good copy, the good one is used, unmerged.
        var loaded = ConfigMerge.Load([broken, expected], signer.PublicKey, signer, 5, (_, _) => { }, mutable: false);
        Assert.False(loaded.Merged);
        Assert.Equal(10, loaded.Seqno);
        Assert.Throws<ConfigFormatException>(() => ConfigMerge.Load([broken, broken], signer.PublicKey, null, 5, (_, _) => { }, false));
    }

    private static ConfigDict Data118() => Dict(
        ("dictB", Dict(("changed", I(-1)), ("foo", I(123)), ("removed", S("x")), ("removed2", S("y")))),
        ("dictC", Dict(("x", Dict(("y", I(1)))))),
        ("good", Set(I(99), I(456), S("bar"))),
        ("great", Set(I(-42), S("omg"))),
        ("int0", I(-9999)),
        ("int1", I(100)),
        ("string1", S("hello")),
        ("string2", S("goodbye")));

    [Fact]
    public void Example_1_an_ordinary_update()
    {
        var m = ConfigMessage.CreateMutable(118);
        m.Data = Data118();
        Assert.Equal(Printable(ConfigVectors.Message("example1_m118")), Printable(m.Serialize()));

        foreach (var name in new[] { "example1_h119", "example1_h120", "example1_h121", "example1_h122" })
        {
            m = m.Increment();
            Assert.Equal(Hex(ConfigVectors.Message(name)), Hex(m.ComputeHash()));
        }
        m = m.Increment();
        m.Data.Set("int1", I(1));
        m.Data.Set("int2", I(2));
        m.Data.Remove("int0");
        m.Data.Set("string1", S("hello"));
        Assert.Equal(Printable(ConfigVectors.Message("example1_m123")), Printable(m.Serialize()));
    }

    [Fact]
    public void Deserialises_a_message_and_a_mutable_one_starts_the_next_seqno()
    {
        var bytes = ConfigVectors.Message("example1_m123");
        var m = ConfigMessage.Parse(bytes, null, null, 5);
        Assert.Equal(123, m.Seqno);
        Assert.Equal(Hex(ConfigVectors.Message("example1_h123")), Hex(m.Hash));
        Assert.Null(m.Signature);
        var expected = Data118();
        expected.Set("int1", I(1));
        expected.Remove("int0");
        expected.Set("int2", I(2));
        Assert.True(m.Data.SameAs(expected));

        var mutable = ConfigMerge.Load([bytes], null, null, 5, (_, e) => throw e, mutable: true);
        Assert.Equal(124, mutable.Seqno);
        Assert.False(mutable.Merged);
        Assert.Equal(Printable(ConfigVectors.Message("deserialization_mutable_m124")), Printable(mutable.Serialize()));
        Assert.Equal(Hex(ConfigVectors.Message("deserialization_mutable_h124")), Hex(mutable.ComputeHash()));
    }

    [Theory]
    [InlineData("empty_set", "Failed to parse config file: Data contains an unpruned, empty set")]
    [InlineData("empty_dict", "Failed to parse config file: Data contains an unpruned, empty dict")]
    public void Data_with_an_unpruned_empty_value_is_refused(string vector, string message)
    {
        var error = Assert.Throws<ConfigFormatException>(() => ConfigMessage.Parse(ConfigVectors.Message(vector), null, null, 5));
        Assert.Equal(message, error.Message);
    }

    internal static void Updates124(ConfigMessage m)
    {
        m.Data.Set("dictA", Dict(("hello", I(123)), ("goodbye", Set(I(123), I(456)))));
        var dictB = m.Data.D("dictB");
        dictB.Set("changed", I(1));
        dictB.Set("added", I(9999));
        dictB.Set("nested", Dict(("a", I(1))));
        dictB.Remove("removed");
        dictB.Remove("removed2");
        m.Data.Remove("dictC");
        m.Data.SetAt("good").Items.Add(S("Foo"));
        m.Data.SetAt("good").Items.Remove(I(456));
        m.Data.SetAt("good").Items.Add(I(123));
        m.Data.Set("int1", I(42));
        m.Data.Remove("string1");
        m.Data.Set("string2", S("hello"));
        m.Data.Set("string3", S("omg"));
        m.Data.Remove("great");
    }

    internal static ConfigMessage Mutable124()
    {
        var m = ConfigMerge.Load([ConfigVectors.Message("example1_m123")], null, null, 5, (_, e) => throw e, mutable: true);
        Updates124(m);
        return m;
    }

    [Fact]
    public void Example_2_a_large_ordinary_update()
    {
        var m = Mutable124();
        Assert.Equal(Printable(ConfigVectors.Message("example2_m124")), Printable(m.Serialize()));
        Assert.Equal(Hex(ConfigVectors.Message("example2_h124")), Hex(m.ComputeHash()));
    }
}
