using Wisp.Cli.Tests.Support;
using Wisp.Client.Account;

namespace Wisp.Cli.Tests.Commands;

/// <summary>A passphrase prompt gives three tries: for a new passphrase (typed twice) and to unlock a profile.</summary>
public sealed class PassphraseTriesTests
{
    [Fact]
    public void A_new_passphrase_mistyped_once_is_asked_again_and_saved()
    {
        using var cli = new CliHarness { Interactive = true };
        foreach (var secret in new[] { "one", "two", "right at last, four words", "right at last, four words" })
            cli.Secrets.Enqueue(secret);

        var (code, _, stderr) = cli.Run("account", "new", "--skip-confirm");

        Assert.Equal(0, code);
        Assert.Contains("the two passphrases differ. Try again (2 of 3).", stderr);
        using var passphrase = Passphrase.From("right at last, four words");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Default, passphrase).Value;
        Assert.NotNull(opened);
    }

    [Fact]
    public void A_new_passphrase_mistyped_three_times_saves_nothing()
    {
        using var cli = new CliHarness { Interactive = true };
        foreach (var secret in new[] { "a", "b", "", "c", "d" })
            cli.Secrets.Enqueue(secret);

        var (code, stdout, stderr) = cli.Run("account", "new", "--skip-confirm");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("Try again (3 of 3)", stderr);
        Assert.Contains("the two passphrases differ. Nothing was saved after 3 tries.", stderr);
        Assert.Empty(cli.Secrets); // a fourth try was never offered
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void Unlocking_at_a_terminal_allows_two_wrong_passphrases_before_the_right_one()
    {
        using var cli = CliWithProtectedProfile();
        foreach (var secret in new[] { "wrong", "", "a secret of some length" })
            cli.Secrets.Enqueue(secret);

        var (code, _, stderr) = cli.Run("contacts");

        Assert.Equal(0, code);
        Assert.Contains("Try again (2 of 3)", stderr);
        Assert.Contains("no passphrase typed", stderr);
        Assert.Contains("Try again (3 of 3)", stderr);
    }

    [Fact]
    public void Unlocking_at_a_terminal_fails_after_three_wrong_passphrases()
    {
        using var cli = CliWithProtectedProfile();
        foreach (var secret in new[] { "wrong1", "wrong2", "wrong3", "a secret of some length" })
            cli.Secrets.Enqueue(secret);

        var (code, _, stderr) = cli.Run("contacts");

        Assert.Equal(2, code);
        Assert.Equal(3, stderr.Split("Passphrase for profile").Length - 1);
        Assert.Equal(["a secret of some length"], cli.Secrets); // the right one came too late: three tries only
    }

    [Fact]
    public void A_wrong_passphrase_from_a_variable_is_not_retried()
    {
        using var cli = CliWithProtectedProfile();
        cli.Variables["WISP_PASSPHRASE"] = "wrong";
        cli.Secrets.Enqueue("a secret of some length");

        var (code, _, stderr) = cli.Run("contacts");

        Assert.Equal(2, code);
        Assert.DoesNotContain("Try again", stderr);
        Assert.DoesNotContain("Passphrase for profile", stderr);
    }

    private static CliHarness CliWithProtectedProfile()
    {
        var cli = new CliHarness { Interactive = true };
        cli.Variables["WISP_PASSPHRASE"] = "a secret of some length";
        Assert.Equal(0, cli.Run("account", "new", "--skip-confirm").Code);
        cli.Variables.Remove("WISP_PASSPHRASE");
        return cli;
    }
}
