using Wisp.Client.Account;

namespace Wisp.Client.Tests.Account;

/// <summary>A new passphrase is refused, with a reason, when it is short, a well-known password, or easy to guess.</summary>
public sealed class PassphraseStrengthTests
{
    [Theory]
    [InlineData("pw", "too short")]
    [InlineData("Tr0ub4dor&3", "too short")] // 11 characters
    [InlineData("Password2024!", "well-known password")]
    [InlineData("qwertyuiop123", "well-known password")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", "too easy to guess")]
    [InlineData("123456789012345", "too easy to guess")]
    [InlineData("abcdefghijklmnop", "too easy to guess")]
    [InlineData("hunter2hunter2", "too easy to guess")]
    [InlineData("tulip7tulip7tulip7", "too easy to guess")]
    [InlineData("893104726153", "too easy to guess")] // twelve random digits: about 40 bits
    public void A_weak_passphrase_is_refused_with_its_reason(string passphrase, string reason)
    {
        var weakness = PassphraseStrength.Check(passphrase);

        Assert.NotNull(weakness);
        Assert.Contains(reason, weakness, StringComparison.Ordinal);
        Assert.DoesNotContain(passphrase, weakness, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("a passphrase long enough")]
    [InlineData("Mx7!qL2#vR9@")]
    [InlineData("время ложиться спать")]
    public void A_strong_passphrase_passes(string passphrase)
    {
        Assert.Null(PassphraseStrength.Check(passphrase));
        using var held = Passphrase.From(passphrase);
        Assert.Null(PassphraseStrength.Check(held));
    }

    [Fact]
    public void Repetition_and_runs_count_for_little()
    {
        Assert.True(PassphraseStrength.EstimateBits("abababababababab") < PassphraseStrength.EstimateBits("agmqtzbkwpfhxrcn") / 4);
        Assert.Equal(PassphraseStrength.EstimateBits("hunter2hu"), PassphraseStrength.EstimateBits("hunter2hunter2"), 0.001);
    }
}
