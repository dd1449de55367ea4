using CsCheck;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Tests.Encoding;

public sealed class BencodeWriterTests
{
    private static string Text(BencodeValue value) => System.Text.Encoding.Latin1.GetString(BencodeWriter.Encode(value));

    [Fact]
    public void Writes_each_kind_of_value()
    {
        var value = new BencodeDictionary(new Dictionary<string, BencodeValue>
        {
            ["num"] = new BencodeInteger(long.MinValue),
            ["list"] = new BencodeList([BencodeString.FromUtf8("spam"), new BencodeInteger(0)]),
            ["str"] = new BencodeString(ReadOnlyMemory<byte>.Empty),
        });

        Assert.Equal("d4:listl4:spami0ee3:numi-9223372036854775808e3:str0:e", Text(value));
    }

    [Fact]
    public void Dictionary_keys_are_sorted_by_bytes_not_by_culture()
    {
        var value = new BencodeDictionary(new Dictionary<string, BencodeValue>
        {
            ["b"] = new BencodeInteger(1),
            ["B"] = new BencodeInteger(2),
            ["a"] = new BencodeInteger(3),
            ["aa"] = new BencodeInteger(4),
        });

        Assert.Equal("d1:Bi2e1:ai3e2:aai4e1:bi1ee", Text(value));
    }

    [Fact]
    public void A_dictionary_with_a_repeated_key_cannot_be_built()
    {
        KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>[] entries =
        [
            new("k"u8.ToArray(), new BencodeInteger(1)),
            new("k"u8.ToArray(), new BencodeInteger(2)),
        ];

        Assert.Throws<ArgumentException>(() => new BencodeDictionary(entries));
    }

    [Fact]
    public void Writing_into_a_short_buffer_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BencodeWriter.Write(new BencodeInteger(12), new byte[3]));
        Assert.Equal("destination", error.ParamName);
    }

    private static readonly Gen<BencodeValue> Values = Gen.Recursive<BencodeValue>((depth, self) =>
    {
        var leaves = Gen.OneOf<BencodeValue>(
            Gen.Long.Select(v => (BencodeValue)new BencodeInteger(v)),
            Gen.Byte.Array[0, 20].Select(b => (BencodeValue)new BencodeString(b)));
        if (depth >= 4)
            return leaves;
        var lists = self.Array[0, 4].Select(items => (BencodeValue)new BencodeList(items));
        var dicts = Gen.Select(Gen.Byte.Array[0, 6], self).Array[0, 4].Select(pairs =>
            (BencodeValue)new BencodeDictionary(pairs
                .DistinctBy(p => Convert.ToHexString(p.Item1))
                .Select(p => KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(p.Item1, p.Item2))));
        return Gen.OneOf(leaves, lists, dicts);
    });

    [Fact]
    public void Encode_then_decode_then_encode_gives_the_same_bytes()
    {
        Values.Sample(value =>
        {
            var encoded = BencodeWriter.Encode(value);
            Assert.Equal(BencodeWriter.SizeOf(value), encoded.Length);

            var decoded = BencodeReader.Decode(encoded);

            Assert.True(decoded.Ok, decoded.Describe());
            Assert.Equal(encoded, BencodeWriter.Encode(decoded.Value!));
        });
    }

    [Fact]
    public void Random_bytes_never_throw_and_what_decodes_re_encodes_exactly()
    {
        var alphabet = Gen.OneOf((byte)'i', (byte)'l', (byte)'d', (byte)'e', (byte)':', (byte)'-', (byte)'0', (byte)'1', (byte)'2', (byte)'9', (byte)'a');
        alphabet.Array[0, 40].Sample(bytes =>
        {
            var result = BencodeReader.Decode(bytes);
            if (result.Ok)
                Assert.Equal(bytes, BencodeWriter.Encode(result.Value!));
        }, iter: 5000);
    }
}
