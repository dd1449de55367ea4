using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Crypto.Tests.Mnemonic;

public class RecoveryPhraseTests
{
    private const string Bip39AllZero =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art";

    private const string SessionPhrase = "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";

    [Fact]
    public void CreateGivesTwentyFourWordsThatParseBackToTheSeed()
    {
        Gen.Byte.Array[Ed25519KeyPair.SeedBytes].Sample(seed =>
        {
            var phrase = RecoveryPhrase.Create(seed);
            Assert.Equal(RecoveryPhrase.WordCount, phrase.Split(' ').Length);
            using var restored = RecoveryPhrase.Parse(phrase);
            Assert.Equal(RecoveryPhraseKind.Bip39, restored.Kind);
            Assert.Equal(seed, restored.Seed.ToArray());
        });
    }

    [Fact]
    public void TheSeedIsTheEntropyNotThePbkdf2Seed()
    {
        using var restored = RecoveryPhrase.Parse(Bip39AllZero);
        Assert.Equal(new byte[32], restored.Seed.ToArray());
    }

    [Fact]
    public void SessionPhraseGivesTheZeroPaddedSeedAndItsAccount()
    {
        using var restored = RecoveryPhrase.Parse(SessionPhrase);
        Assert.Equal(RecoveryPhraseKind.Session, restored.Kind);
        Assert.Equal("0123456789abcdef0123456789abcdef" + new string('0', 32), Convert.ToHexStringLower(restored.Seed));
        using var keyPair = restored.ToKeyPair();
        // libsession-util tests/test_session_encrypt.cpp: this seed's Session ID.
        Assert.Equal("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", keyPair.AccountId.Hex);
    }

    [Fact]
    public void WhitespaceAndCaseAreNormalized()
    {
        var messy = "\n  VEXED\tenjoy  pigment\r\nfilms adept voted vexed enjoy pigment films adept Voted\u00A0adept  \n";
        Assert.True(RecoveryPhrase.TryParse(messy, out var restored, out var error), error?.Message);
        using (restored)
            Assert.Equal(RecoveryPhraseKind.Session, restored.Kind);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(14)]
    [InlineData(23)]
    [InlineData(25)]
    public void WrongCountNamesTheCountAndTheAcceptedCounts(int count)
    {
        var phrase = string.Join(' ', Enumerable.Repeat("abandon", count));
        Assert.False(RecoveryPhrase.TryParse(phrase, out var seed, out var error));
        Assert.Null(seed);
        Assert.Equal(RecoveryPhraseErrorKind.WrongWordCount, error.Kind);
        Assert.Contains($"this one has {count}", error.Message);
        Assert.Contains("24", error.Message);
        Assert.Contains("13", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void EmptyInputIsReported(string? phrase)
    {
        Assert.False(RecoveryPhrase.TryParse(phrase, out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.Empty, error.Kind);
    }

    [Fact]
    public void UnknownBip39WordIsNamed()
    {
        var words = Bip39AllZero.Split(' ');
        words[6] = "abandn";
        Assert.False(RecoveryPhrase.TryParse(string.Join(' ', words), out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(7, error.Position);
        Assert.Equal("abandn", error.Word);
        Assert.Equal("abandon", error.Suggestion);
    }

    [Fact]
    public void UnknownSessionWordIsNamed()
    {
        Assert.False(RecoveryPhrase.TryParse(SessionPhrase.Replace("pigment films", "pigment qqq"), out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.Equal(4, error.Position);
        Assert.Equal("qqq", error.Word);
    }

    [Fact]
    public void WrongBip39ChecksumIsReported()
    {
        Assert.False(RecoveryPhrase.TryParse(Bip39AllZero.Replace(" art", " abandon"), out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.WrongChecksum, error.Kind);
        Assert.Equal(24, error.Position);
    }

    [Fact]
    public void WrongSessionChecksumIsReported()
    {
        Assert.False(RecoveryPhrase.TryParse(SessionPhrase[..^"adept".Length] + "vexed", out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.WrongChecksum, error.Kind);
        Assert.Equal(13, error.Position);
        Assert.Equal("vexed", error.Word);
    }

    [Fact]
    public void NonAsciiIsReported()
    {
        Assert.False(RecoveryPhrase.TryParse(Bip39AllZero.Replace("art", "ärt"), out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.InvalidCharacter, error.Kind);
        Assert.Equal(24, error.Position);
        Assert.Contains("'ärt'", error.Message);
    }

    [Fact]
    public void AVeryLongWordIsQuotedShort()
    {
        var words = Bip39AllZero.Split(' ');
        words[0] = new string('x', 10_000);
        Assert.False(RecoveryPhrase.TryParse(string.Join(' ', words), out _, out var error));
        Assert.Equal(RecoveryPhraseErrorKind.UnknownWord, error.Kind);
        Assert.True(error.Message.Length < 200);
    }

    [Fact]
    public void ParseThrowsAFormatExceptionCarryingTheError()
    {
        var ex = Assert.Throws<RecoveryPhraseException>(() => RecoveryPhrase.Parse("abandon"));
        Assert.IsAssignableFrom<FormatException>(ex);
        Assert.Equal(RecoveryPhraseErrorKind.WrongWordCount, ex.Error.Kind);
        Assert.Equal(ex.Error.Message, ex.Message);
    }

    [Fact]
    public void RestoredSeedNeverPrintsAndIsZeroedOnDispose()
    {
        var restored = RecoveryPhrase.Parse(SessionPhrase);
        Assert.Equal("RecoveredSeed(Session)", restored.ToString());
        restored.Dispose();
        Assert.Throws<ObjectDisposedException>(() => restored.Seed.Length);
    }

    [Fact]
    public void CreateChecksTheSeedLength()
    {
        Assert.Equal("seed", Assert.Throws<ArgumentException>(() => RecoveryPhrase.Create(new byte[16])).ParamName);
    }
}
