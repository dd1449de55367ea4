using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>The SAS emoji table and derivation against libsession's list and independently computed seeds.</summary>
public sealed class SasEmojiTests
{
    [Fact]
    public void Table_is_matrixs_64_emoji_in_libsessions_order()
    {
        Assert.Equal(DeviceVectors.Emoji(), SasEmoji.Table);
        Assert.Equal(64, SasEmoji.Table.Distinct().Count());
    }

    [Fact]
    public void Indices_read_the_seed_as_a_little_endian_128_bit_integer_six_bits_at_a_time()
    {
        var seed = new byte[16];
        seed[0] = 0b0000_0001;  // index 0 = 1
        seed[7] = 0xF0;         // bits 60–63: the low four bits of index 10 (the one crossing the 64-bit words)
        seed[8] = 0b0000_0011;  // bits 64–65: its high two bits
        var indices = SasEmoji.Indices(seed);
        Assert.Equal(1, indices[0]);
        Assert.Equal(0x3F, indices[10]);
        Assert.All(indices.Skip(1).Take(9), i => Assert.Equal(0, i));
    }

    [Fact]
    public void Link_request_sas_matches_an_independent_argon2id()
    {
        var message = DeviceVectors.Bytes("link_sas_message");
        Assert.Equal(DeviceVectors.Text("link_sas_seed"), Convert.ToHexStringLower(Crypto.Kdf.LinkSasSeed.Derive(message)));
        var expected = DeviceVectors.Indices("link_sas_indices").Select(i => SasEmoji.Table[i]);
        Assert.Equal(expected, LinkRequest.Sas(message));
    }

    [Fact]
    public void Group_identifier_sas_matches_an_independent_blake2b()
    {
        var id = new DeviceGroupId(DeviceVectors.Bytes("group_id"));
        Assert.Equal(DeviceVectors.Indices("group_sas_indices").Select(i => SasEmoji.Table[i]), id.Sas());
        Assert.Equal(1_796_324_400, id.CreatedSeconds);
    }

    [Fact]
    public void Formats_seven_for_a_request_and_three_lines_of_seven_extended()
    {
        var emoji = SasEmoji.FromSeed(new byte[16]);
        Assert.Equal("🐶 🐶 🐶 🐶 🐶 🐶 🐶", SasEmoji.Format(emoji, SasEmoji.LinkCount));
        Assert.Equal(3, SasEmoji.FormatExtended(emoji).Split('\n').Length);
        Assert.Throws<ArgumentException>(() => SasEmoji.Indices(new byte[15]));
    }
}
