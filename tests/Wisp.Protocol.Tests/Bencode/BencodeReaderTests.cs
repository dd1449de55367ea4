using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Tests.Encoding;

public sealed class BencodeReaderTests
{
    private static BencodeResult Decode(string text) => BencodeReader.Decode(System.Text.Encoding.Latin1.GetBytes(text));

    [Fact]
    public void Reads_each_kind_of_value()
    {
        var result = Decode("d4:listl4:spami-42ee3:numi0e3:str0:e");

        Assert.True(result.Ok, result.Describe());
        var dict = Assert.IsType<BencodeDictionary>(result.Value);
        Assert.Equal(["list", "num", "str"], dict.Entries.Select(e => System.Text.Encoding.UTF8.GetString(e.Key.Span)));
        Assert.True(dict.TryGetValue("list", out var list));
        var items = Assert.IsType<BencodeList>(list).Items;
        Assert.Equal("spam", Assert.IsType<BencodeString>(items[0]).ToUtf8());
        Assert.Equal(-42, Assert.IsType<BencodeInteger>(items[1]).Value);
        Assert.True(dict.TryGetValue("num", out var num));
        Assert.Equal(0, Assert.IsType<BencodeInteger>(num).Value);
        Assert.True(dict.TryGetValue("str", out var str));
        Assert.Equal(0, Assert.IsType<BencodeString>(str).Bytes.Length);
        Assert.False(dict.TryGetValue("absent", out _));
    }

    [Theory]
    [InlineData("i9223372036854775807e", long.MaxValue)]
    [InlineData("i-9223372036854775808e", long.MinValue)]
    [InlineData("i10e", 10)]
    public void Reads_integers_at_the_edges(string text, long expected)
    {
        Assert.Equal(expected, Assert.IsType<BencodeInteger>(Decode(text).Value).Value);
    }

    [Fact]
    public void Strings_are_slices_of_the_input()
    {
        var input = System.Text.Encoding.ASCII.GetBytes("3:abc");

        var value = Assert.IsType<BencodeString>(BencodeReader.Decode(input).Value);

        Assert.True(value.Bytes.Span.Overlaps(input));
    }

    [Fact]
    public void Nesting_up_to_the_cap_is_accepted()
    {
        var depth = BencodeLimits.MaxDepth;

        Assert.True(Decode(new string('l', depth) + new string('e', depth)).Ok);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("1", 1)]
    [InlineData("i42", 3)]
    [InlineData("i-", 2)]
    [InlineData("l", 1)]
    [InlineData("l4:spam", 7)]
    [InlineData("d3:foo", 6)]
    [InlineData("d", 1)]
    public void Truncated_input_is_refused(string text, int offset)
    {
        var result = Decode(text);

        Assert.Equal(BencodeError.Truncated, result.Error);
        Assert.Equal(offset, result.Offset);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("lxe")]
    [InlineData("e")]
    [InlineData(":")]
    public void A_byte_that_starts_no_value_is_refused(string text)
    {
        Assert.Equal(BencodeError.UnexpectedByte, Decode(text).Error);
    }

    [Theory]
    [InlineData("04:spam")]
    [InlineData("00:")]
    [InlineData("4x:spam")]
    public void A_length_with_a_leading_zero_or_a_non_digit_is_refused(string text)
    {
        Assert.Equal(BencodeError.InvalidLength, Decode(text).Error);
    }

    [Theory]
    [InlineData("5:spam")]
    [InlineData("4:spa")]
    [InlineData("4")]
    [InlineData("99999999999999999999999999:x")]
    [InlineData("l2147483648:e")]
    public void A_length_past_the_end_is_refused(string text)
    {
        Assert.Equal(BencodeError.LengthBeyondEnd, Decode(text).Error);
    }

    [Theory]
    [InlineData("i03e")]
    [InlineData("i00e")]
    [InlineData("i-0e")]
    [InlineData("i-01e")]
    [InlineData("ie")]
    [InlineData("i-e")]
    [InlineData("i1xe")]
    [InlineData("i+1e")]
    public void A_non_canonical_integer_is_refused(string text)
    {
        Assert.Equal(BencodeError.InvalidInteger, Decode(text).Error);
    }

    [Theory]
    [InlineData("i9223372036854775808e")]
    [InlineData("i-9223372036854775809e")]
    [InlineData("i99999999999999999999999999999e")]
    public void An_integer_beyond_64_bits_is_refused(string text)
    {
        Assert.Equal(BencodeError.IntegerOverflow, Decode(text).Error);
    }

    [Fact]
    public void A_dictionary_key_that_is_not_a_string_is_refused()
    {
        Assert.Equal(BencodeError.KeyNotString, Decode("di1e1:ae").Error);
    }

    [Theory]
    [InlineData("d1:b0:1:a0:e")]
    [InlineData("d2:ab0:1:a0:e")]
    public void Unsorted_dictionary_keys_are_refused(string text)
    {
        Assert.Equal(BencodeError.UnsortedKeys, Decode(text).Error);
    }

    [Fact]
    public void A_repeated_dictionary_key_is_refused()
    {
        var result = Decode("d1:a0:1:a0:e");

        Assert.Equal(BencodeError.DuplicateKey, result.Error);
        Assert.Equal(6, result.Offset);
    }

    [Theory]
    [InlineData('l')]
    [InlineData('d')]
    public void A_depth_bomb_is_refused(char opener)
    {
        var bomb = opener == 'l'
            ? new string('l', 100_000)
            : string.Concat(Enumerable.Repeat("d1:a", 100_000));

        Assert.Equal(BencodeError.TooDeep, Decode(bomb).Error);
    }

    [Fact]
    public void Too_many_values_are_refused()
    {
        var many = "l" + string.Concat(Enumerable.Repeat("0:", BencodeLimits.MaxValues)) + "e";

        Assert.Equal(BencodeError.TooManyValues, Decode(many).Error);
    }

    [Theory]
    [InlineData("i1ei2e")]
    [InlineData("0:x")]
    [InlineData("lee")]
    public void Bytes_after_the_value_are_refused(string text)
    {
        Assert.Equal(BencodeError.TrailingData, Decode(text).Error);
    }
}
