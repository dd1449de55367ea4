using Wisp.Client.Account;

namespace Wisp.Client.Tests.Account;

public class PassphraseTests
{
    [Fact]
    public void AnEmptyPassphraseIsRefused() =>
        Assert.Throws<ArgumentException>("chars", () => Passphrase.From(""));

    [Fact]
    public void AnOverlongPassphraseIsRefused() =>
        Assert.Throws<ArgumentException>("chars", () => Passphrase.From(new string('x', Passphrase.MaxLength + 1)));

    [Fact]
    public void MatchesComparesTheCharacters()
    {
        using var a = Passphrase.From("one");
        using var b = Passphrase.From("one");
        using var c = Passphrase.From("two");
        using var d = Passphrase.From("one!");

        Assert.True(a.Matches(b));
        Assert.False(a.Matches(c));
        Assert.False(a.Matches(d));
    }

    [Fact]
    public void NeverPrintsItself()
    {
        using var passphrase = Passphrase.From("hunter2");
        Assert.DoesNotContain("hunter2", passphrase.ToString());
    }

    [Fact]
    public void CannotBeUsedOnceDisposed()
    {
        var a = Passphrase.From("one");
        using var b = Passphrase.From("one");
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.Matches(b));
    }
}
