using CsCheck;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Crypto.Tests.Mnemonic;

public class Bip39Tests
{
    public static TheoryData<string, string> TrezorVectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in MnemonicVectors.Load("trezor-python-mnemonic", "vectors-english.json").GetProperty("english").EnumerateArray())
            data.Add(row.GetProperty("entropy").GetString()!, row.GetProperty("mnemonic").GetString()!);
        return data;
    }

    [Fact]
    public void AllTwentyFourPublishedVectorsAreRead()
    {
        Assert.Equal(24, TrezorVectors().Count);
    }

    [Theory]
    [MemberData(nameof(TrezorVectors))]
    public void EncodesPublishedVector(string entropyHex, string mnemonic)
    {
        Assert.Equal(mnemonic, string.Join(' ', Bip39.Encode(Convert.FromHexString(entropyHex))));
    }

    [Theory]
    [MemberData(nameof(TrezorVectors))]
    public void DecodesPublishedVector(string entropyHex, string mnemonic)
    {
        var entropy = new byte[Bip39.MaxEntropyBytes];
        Assert.True(Bip39.TryDecode(MnemonicVectors.Words(mnemonic), entropy, out var written, out var error), error?.Message);
        Assert.Equal(entropyHex, Convert.ToHexStringLower(entropy.AsSpan(0, written)));
    }

    [Fact]
    public void RoundTripsEveryEntropyLength()
    {
        Gen.Int[0, 4].Select(i => 16 + 4 * i).SelectMany(n => Gen.Byte.Array[n]).Sample(entropy =>
        {
            var words = Bip39.Encode(entropy);
            Assert.Equal(Bip39.WordCountFor(entropy.Length), words.Length);
            var decoded = new byte[Bip39.MaxEntropyBytes];
            Assert.True(Bip39.TryDecode(words, decoded, out var written, out _));
            Assert.Equal(entropy, decoded[..written]);
        });
    }

    [Fact]
    public void IgnoresCase()
    {
        var words = MnemonicVectors.Words("LEGAL Winner thank year wave sausage worth useful legal winner thank yellow");
        var entropy = new byte[Bip39.MaxEntropyBytes];
        Assert.True(Bip39.TryDecode(words, entropy, out var written, out _));
        Assert.Equal("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", Convert.ToHexStringLower(entropy.AsSpan(0, written)));
    }

    [Fact]
    public void UnknownWordIsNamedWithPositionAndSuggestion()
    {
        var words = MnemonicVectors.Words("legal winner thnak year wave sausage worth useful legal winner thank yellow");
        Assert.False(Bip39.TryDecode(words, new byte[32], out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(3, error.Position);
        Assert.Equal("thnak", error.Word);
        Assert.Equal("thank", error.Suggestion);
        Assert.Contains("Word 3, 'thnak'", error.Message);
        Assert.Contains("did you mean 'thank'", error.Message);
    }

    [Fact]
    public void UnknownWordFarFromAnyWordGetsNoSuggestion()
    {
        var words = MnemonicVectors.Words("legal winner thank year wave sausage worth useful legal winner thank qqqqqqqqq");
        Assert.False(Bip39.TryDecode(words, new byte[32], out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(12, error.Position);
        Assert.Null(error.Suggestion);
    }

    [Fact]
    public void WrongChecksumIsReported()
    {
        // Twelve "abandon": the zero entropy's checksum word is "about", so this one does not fit.
        var words = Enumerable.Repeat("abandon", 12).ToArray();
        Assert.False(Bip39.TryDecode(words, new byte[32], out var written, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.WrongChecksum, error.Kind);
        Assert.Equal(12, error.Position);
        Assert.Equal("abandon", error.Word);
        Assert.Equal(0, written);
    }

    [Fact]
    public void SwappedWordsFailTheChecksum()
    {
        var words = MnemonicVectors.Words("winner legal thank year wave sausage worth useful legal winner thank yellow");
        Assert.False(Bip39.TryDecode(words, new byte[32], out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.WrongChecksum, error.Kind);
    }

    [Theory]
    [InlineData(0, RecoveryPhraseErrorKind.Empty)]
    [InlineData(11, RecoveryPhraseErrorKind.WrongWordCount)]
    [InlineData(13, RecoveryPhraseErrorKind.WrongWordCount)]
    [InlineData(25, RecoveryPhraseErrorKind.WrongWordCount)]
    public void WrongWordCountIsReported(int count, RecoveryPhraseErrorKind kind)
    {
        var words = Enumerable.Repeat("abandon", count).ToArray();
        Assert.False(Bip39.TryDecode(words, new byte[32], out _, out var error));
        Assert.Equal(kind, error.Kind);
        if (count > 0)
            Assert.Contains(count.ToString(), error.Message);
    }

    [Fact]
    public void NonAsciiLetterIsReported()
    {
        var words = MnemonicVectors.Words("legal winner thank year wave sausage worth useful légal winner thank yellow");
        Assert.False(Bip39.TryDecode(words, new byte[32], out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.InvalidCharacter, error.Kind);
        Assert.Equal(9, error.Position);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(33)]
    public void EncodeRejectsOtherLengths(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => Bip39.Encode(new byte[length]));
        Assert.Equal("entropy", ex.ParamName);
    }

    [Fact]
    public void DecodeRejectsASmallBuffer()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bip39.TryDecode(Enumerable.Repeat("abandon", 12).ToArray(), new byte[16], out _, out _));
        Assert.Equal("entropy", ex.ParamName);
    }

    [Fact]
    public void WordListsLoadWithTheirPublishedCounts()
    {
        Assert.Equal(2048, WordList.Bip39English.Count);
        Assert.Equal("abandon", WordList.Bip39English[0]);
        Assert.Equal("zoo", WordList.Bip39English[2047]);
        Assert.Equal(1626, WordList.ElectrumEnglish.Count);
        Assert.Equal("abbey", WordList.ElectrumEnglish[0]);
        Assert.Equal("zoom", WordList.ElectrumEnglish[1625]);
    }
}
