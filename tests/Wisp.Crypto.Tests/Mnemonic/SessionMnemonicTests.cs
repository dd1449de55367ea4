using System.Text.Json;
using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Crypto.Tests.Mnemonic;

public class SessionMnemonicTests
{
    private static readonly JsonElement s_libsession = MnemonicVectors.Load("libsession-util", "mnemonics", "mnemonics.json");
    private static readonly JsonElement s_phrases = MnemonicVectors.Load("session-phrases", "phrases.json");

    [Fact]
    public void EncodesLibsessionWordListVector()
    {
        var vector = s_libsession.GetProperty("word_list_vector");
        var data = Convert.FromHexString(vector.GetProperty("data").GetString()!);
        var words = vector.GetProperty("words").GetString()!;
        Assert.Equal(words, string.Join(' ', SessionMnemonic.EncodeWords(data, withChecksum: false)));

        var decoded = new byte[data.Length];
        Assert.True(SessionMnemonic.TryDecodeWords(MnemonicVectors.Words(words), withChecksum: false, decoded, out _));
        Assert.Equal(data, decoded);
    }

    public static TheoryData<string, string> ChecksumVectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in s_libsession.GetProperty("checksum_vectors").EnumerateArray())
            data.Add(row.GetProperty("data").GetString()!, row.GetProperty("words").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChecksumVectors))]
    public void EncodesAndDecodesLibsessionChecksumVectors(string dataHex, string phrase)
    {
        var data = Convert.FromHexString(dataHex);
        Assert.Equal(phrase, string.Join(' ', SessionMnemonic.EncodeWords(data, withChecksum: true)));

        var decoded = new byte[data.Length];
        Assert.True(SessionMnemonic.TryDecodeWords(MnemonicVectors.Words(phrase), withChecksum: true, decoded, out var error), error?.Message);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void OnlyTheFirstThreeLettersMatter()
    {
        var spellings = s_libsession.GetProperty("equivalent_spellings");
        var expected = spellings.GetProperty("data").GetString();
        foreach (var phrase in spellings.GetProperty("phrases").EnumerateArray())
        {
            var entropy = new byte[SessionMnemonic.EntropyBytes];
            Assert.True(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase.GetString()!), entropy, out var error), error?.Message);
            Assert.Equal(expected, Convert.ToHexStringLower(entropy));
        }
    }

    [Fact]
    public void RejectsLibsessionBadPhrases()
    {
        foreach (var row in s_libsession.GetProperty("rejected").EnumerateArray())
        {
            var entropy = new byte[SessionMnemonic.EntropyBytes];
            Assert.False(SessionMnemonic.TryDecode(MnemonicVectors.Words(row.GetProperty("words").GetString()!), entropy, out var error));
            var expected = row.GetProperty("error").GetString() == "checksum"
                ? RecoveryPhraseErrorKind.WrongChecksum
                : RecoveryPhraseErrorKind.UnknownWord;
            Assert.Equal(expected, error.Kind);
            Assert.Equal(13, error.Position);
            Assert.All(entropy, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void RejectsAWordGroupBeyondThirtyTwoBits()
    {
        var words = MnemonicVectors.Words(s_libsession.GetProperty("overflow_group").GetProperty("words").GetString()!);
        Assert.False(SessionMnemonic.TryDecodeWords(words, withChecksum: false, new byte[4], out var error));
        Assert.Equal(RecoveryPhraseErrorKind.InvalidWordGroup, error.Kind);
        Assert.Equal(1, error.Position);
        Assert.Contains("Words 1–3", error.Message);
    }

    public static TheoryData<string, string, string> SessionPhrases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in s_phrases.GetProperty("phrases").EnumerateArray())
            data.Add(row.GetProperty("entropy").GetString()!, row.GetProperty("words").GetString()!, row.GetProperty("account_id").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(SessionPhrases))]
    public void SessionPhraseSpellsItsSeedAndAccountId(string entropyHex, string phrase, string accountId)
    {
        var entropy = Convert.FromHexString(entropyHex);
        Assert.Equal(phrase, string.Join(' ', SessionMnemonic.Encode(entropy)));

        var decoded = new byte[SessionMnemonic.EntropyBytes];
        Assert.True(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase), decoded, out _));
        Assert.Equal(entropy, decoded);

        var seed = new byte[SessionMnemonic.SeedBytes];
        SessionMnemonic.ToSeed(decoded, seed);
        using var keyPair = Ed25519KeyPair.FromSeed(seed);
        Assert.Equal(accountId, keyPair.AccountId.Hex);
    }

    [Fact]
    public void RoundTripsAndTheChecksumWordRepeatsADataWord()
    {
        Gen.Byte.Array[SessionMnemonic.EntropyBytes].Sample(entropy =>
        {
            var words = SessionMnemonic.Encode(entropy);
            Assert.Equal(SessionMnemonic.WordCount, words.Length);
            Assert.Contains(words[12], words[..12]);
            var decoded = new byte[SessionMnemonic.EntropyBytes];
            Assert.True(SessionMnemonic.TryDecode(words, decoded, out _));
            Assert.Equal(entropy, decoded);
        });
    }

    [Fact]
    public void IgnoresCase()
    {
        var phrase = "VEXED Enjoy pigment films adept voted vexed enjoy pigment films adept voted ADEPT";
        var entropy = new byte[SessionMnemonic.EntropyBytes];
        Assert.True(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase), entropy, out _));
        Assert.Equal("0123456789abcdef0123456789abcdef", Convert.ToHexStringLower(entropy));
    }

    [Fact]
    public void UnknownWordIsNamedWithItsPosition()
    {
        var phrase = "vexed enjoy pigment films adept voted vexed xyzzy pigment films adept voted adept";
        Assert.False(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase), new byte[16], out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(8, error.Position);
        Assert.Equal("xyzzy", error.Word);
        Assert.Contains("Word 8, 'xyzzy'", error.Message);
    }

    [Fact]
    public void ShortWordIsUnknown()
    {
        var phrase = "ve enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";
        Assert.False(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase), new byte[16], out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(1, error.Position);
    }

    [Fact]
    public void NonAsciiWordIsReported()
    {
        var phrase = "vexed enjoy pigment films adept voted vexed enjoy pigment fïlms adept voted adept";
        Assert.False(SessionMnemonic.TryDecode(MnemonicVectors.Words(phrase), new byte[16], out var error));
        Assert.Equal(RecoveryPhraseErrorKind.InvalidCharacter, error.Kind);
        Assert.Equal(10, error.Position);
    }

    [Theory]
    [InlineData(0, RecoveryPhraseErrorKind.Empty)]
    [InlineData(12, RecoveryPhraseErrorKind.WrongWordCount)]
    [InlineData(14, RecoveryPhraseErrorKind.WrongWordCount)]
    public void WrongWordCountIsReported(int count, RecoveryPhraseErrorKind kind)
    {
        Assert.False(SessionMnemonic.TryDecode(Enumerable.Repeat("abbey", count).ToArray(), new byte[16], out var error));
        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void LengthsAreChecked()
    {
        Assert.Equal("entropy", Assert.Throws<ArgumentException>(() => SessionMnemonic.Encode(new byte[32])).ParamName);
        Assert.Equal("entropy", Assert.Throws<ArgumentException>(() => SessionMnemonic.TryDecode(new string[13], new byte[32], out _)).ParamName);
        Assert.Equal("seed", Assert.Throws<ArgumentException>(() => SessionMnemonic.ToSeed(new byte[16], new byte[16])).ParamName);
    }
}
