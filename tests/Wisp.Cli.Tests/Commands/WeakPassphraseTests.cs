using Wisp.Cli.Tests.Support;
using Wisp.Client.Account;

namespace Wisp.Cli.Tests.Commands;

/// <summary>A weak new passphrase is refused with its reason, wherever it comes from; no passphrase stays an explicit choice.</summary>
public sealed class WeakPassphraseTests
{
    [Fact]
    public void A_weak_passphrase_from_the_variable_is_refused_and_nothing_is_saved()
    {
        using var cli = new CliHarness();
        cli.Variables["WISP_PASSPHRASE"] = "hunter2hunter2";

        var (code, _, stderr) = cli.Run("account", "new", "--skip-confirm");

        Assert.Equal(2, code);
        Assert.Contains("too easy to guess", stderr);
        Assert.Contains("WISP_PASSPHRASE", stderr);
        Assert.Contains("--no-passphrase", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void A_short_passphrase_from_a_file_is_refused()
    {
        using var cli = new CliHarness();
        var file = Path.Combine(cli.Root, "passphrase.txt");
        File.WriteAllText(file, "short\n");

        var (code, _, stderr) = cli.Run("account", "new", "--passphrase-file", file, "--json");

        Assert.Equal(2, code);
        Assert.Contains("too short", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void A_weak_passphrase_typed_at_the_terminal_is_asked_again_with_the_reason()
    {
        using var cli = new CliHarness { Interactive = true };
        foreach (var secret in new[] { "Password2024!", "Password2024!", "four unrelated words here", "four unrelated words here" })
            cli.Secrets.Enqueue(secret);

        var (code, _, stderr) = cli.Run("account", "new", "--skip-confirm");

        Assert.Equal(0, code);
        Assert.Contains("well-known password", stderr);
        Assert.Contains("Try again (2 of 3)", stderr);
        using var passphrase = Passphrase.From("four unrelated words here");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Default, passphrase).Value;
        Assert.NotNull(opened);
    }

    [Fact]
    public void A_weak_new_passphrase_changes_nothing()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        var weak = Path.Combine(cli.Root, "weak");
        File.WriteAllText(weak, "123456789012\n");

        var (code, _, stderr) = cli.Run("account", "passphrase", "--new-passphrase-file", weak);

        Assert.Equal(2, code);
        Assert.Contains("too easy to guess", stderr);
        Assert.False(AccountVault.Describe(cli.Home, ProfileName.Default).Value!.UsesPassphrase);
    }

    [Fact]
    public void No_passphrase_stays_an_explicit_choice()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("account", "new", "--no-passphrase", "--skip-confirm");

        Assert.Equal(0, code);
        Assert.Contains("not protected", stderr);
    }
}
