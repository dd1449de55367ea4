using System.Text.Json;
using System.Text.RegularExpressions;
using Wisp.Cli.Tests.Support;
using Wisp.Client.Account;

namespace Wisp.Cli.Tests.Commands;

public partial class AccountNewTests
{
    [Fact]
    public void For_a_script_it_prints_the_phrase_and_saves_the_account()
    {
        using var cli = new CliHarness();

        var (code, stdout, stderr) = cli.Run("account", "new", "--no-passphrase", "--skip-confirm");

        Assert.Equal(0, code);
        var phrase = PhraseLine(stdout);
        Assert.Contains("Wisp will not show it again", stdout);
        Assert.Contains("not protected at rest", stderr);
        var restored = AccountVault.Restore(WispHome.At(Path.Combine(cli.Root, "other")), ProfileName.Default, phrase, null, Crypto.Kdf.PasswordKdfLimits.Fast);
        using var account = restored.Value!.Account;
        Assert.Contains(account.AccountId.Hex, stdout);
        Assert.Equal(account.AccountId, AccountVault.Describe(cli.Home, ProfileName.Default).Value!.AccountId);
    }

    [Fact]
    public void With_json_it_prints_one_document_holding_the_phrase()
    {
        using var cli = new CliHarness();

        var (code, stdout, _) = cli.Run("account", "new", "--profile", "bot", "--no-passphrase", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal("bot", root.GetProperty("profile").GetString());
        Assert.False(root.GetProperty("passphrase").GetBoolean());
        Assert.Equal(24, root.GetProperty("recovery_phrase").GetString()!.Split(' ').Length);
        Assert.Equal(AccountVault.Describe(cli.Home, ProfileName.Parse("bot")).Value!.AccountId.Hex, root.GetProperty("account_id").GetString());
    }

    [Fact]
    public void Without_a_terminal_it_will_not_skip_the_check_unless_told()
    {
        using var cli = new CliHarness();

        var (code, stdout, stderr) = cli.Run("account", "new", "--no-passphrase");

        Assert.Equal(2, code);
        Assert.Empty(stdout); // the phrase of an account that is not saved is never shown
        Assert.Contains("--skip-confirm", stderr);
        Assert.Contains("--json", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfilesDirectory));
    }

    [Fact]
    public void At_a_terminal_it_saves_only_after_three_words_are_typed_back()
    {
        using var cli = new CliHarness { Interactive = true };
        cli.Secrets.Enqueue("a passphrase long enough");
        cli.Secrets.Enqueue("a passphrase long enough");
        var asked = new List<int>();
        cli.Answer = (stdout, stderr) =>
        {
            var position = int.Parse(WordPrompt().Matches(stderr)[^1].Groups[1].Value);
            asked.Add(position);
            return "  " + PhraseLine(stdout).Split(' ')[position - 1].ToUpperInvariant() + " "; // case and spaces do not matter
        };

        var (code, _, stderr) = cli.Run("account", "new", "--profile", "me");

        Assert.Equal(0, code);
        Assert.Equal(3, asked.Count);
        Assert.Equal(asked.Order().Distinct(), asked);
        Assert.All(asked, position => Assert.InRange(position, 1, 24));
        Assert.Contains("New passphrase for profile 'me'", stderr);
        Assert.True(AccountVault.Describe(cli.Home, ProfileName.Parse("me")).Value!.UsesPassphrase);
        using var passphrase = Passphrase.From("a passphrase long enough");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Parse("me"), passphrase).Value;
        Assert.NotNull(opened);
    }

    [Fact]
    public void At_a_terminal_wrong_words_save_nothing()
    {
        using var cli = new CliHarness { Interactive = true };
        for (var i = 0; i < 10; i++)
            cli.Lines.Enqueue("wrong");

        var (code, _, stderr) = cli.Run("account", "new", "--no-passphrase");

        Assert.Equal(2, code);
        Assert.Contains("nothing was saved", stderr);
        Assert.Contains("try again", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void At_a_terminal_two_different_passphrases_save_nothing()
    {
        using var cli = new CliHarness { Interactive = true };
        cli.Secrets.Enqueue("one");
        cli.Secrets.Enqueue("two");

        var (code, stdout, stderr) = cli.Run("account", "new");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("the two passphrases differ", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void Without_a_terminal_or_a_passphrase_source_it_names_the_three_ways()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("account", "new", "--skip-confirm");

        Assert.Equal(2, code);
        Assert.Contains("--passphrase-file", stderr);
        Assert.Contains("WISP_PASSPHRASE", stderr);
        Assert.Contains("--no-passphrase", stderr);
    }

    [Fact]
    public void A_passphrase_file_protects_the_profile()
    {
        using var cli = new CliHarness();
        var file = Path.Combine(cli.Root, "passphrase.txt");
        File.WriteAllText(file, "from a file, kept private\nsecond line is ignored\n");

        var (code, _, stderr) = cli.Run("account", "new", "--passphrase-file", file, "--json");

        Assert.Equal(0, code);
        Assert.DoesNotContain("not protected", stderr);
        using var right = Passphrase.From("from a file, kept private");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Default, right).Value;
        Assert.NotNull(opened);
    }

    [Fact]
    public void The_wisp_passphrase_variable_protects_the_profile()
    {
        using var cli = new CliHarness();
        cli.Variables["WISP_PASSPHRASE"] = "from the environment variable";

        Assert.Equal(0, cli.Run("account", "new", "--json").Code);

        using var wrong = Passphrase.From("something else");
        Assert.Equal(VaultErrorKind.WrongPassphrase, AccountVault.Open(cli.Home, ProfileName.Default, wrong).Error?.Kind);
        using var right = Passphrase.From("from the environment variable");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Default, right).Value;
        Assert.NotNull(opened);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\n", "is empty")]
    public void An_empty_passphrase_file_is_refused(string contents, string expected)
    {
        using var cli = new CliHarness();
        var file = Path.Combine(cli.Root, "passphrase.txt");
        File.WriteAllText(file, contents);

        var (code, _, stderr) = cli.Run("account", "new", "--passphrase-file", file, "--json");

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void A_missing_passphrase_file_is_refused()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("account", "new", "--passphrase-file", Path.Combine(cli.Root, "absent"), "--json");

        Assert.Equal(2, code);
        Assert.Contains("cannot read the passphrase file", stderr);
    }

    [Fact]
    public void No_passphrase_and_a_passphrase_file_contradict()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("account", "new", "--no-passphrase", "--passphrase-file", "x", "--json");

        Assert.Equal(2, code);
        Assert.Contains("contradict", stderr);
    }

    [Fact]
    public void An_existing_profile_is_refused_before_anything_is_shown()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--json").Code);
        var before = File.ReadAllBytes(Path.Combine(cli.Home.ProfileDirectory(ProfileName.Default), "profile.json"));

        var (code, stdout, stderr) = cli.Run("account", "new", "--no-passphrase", "--json");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("already exists", stderr);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(cli.Home.ProfileDirectory(ProfileName.Default), "profile.json")));
    }

    [Fact]
    public void A_bad_profile_name_is_refused()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("account", "new", "--profile", "../escape", "--no-passphrase", "--json");

        Assert.Equal(2, code);
        Assert.Contains("profile name may contain only", stderr);
        Assert.False(Directory.Exists(cli.HomePath));
    }

    [Fact]
    public void The_home_option_wins_over_the_variable()
    {
        using var cli = new CliHarness();
        var elsewhere = Path.Combine(cli.Root, "elsewhere");

        Assert.Equal(0, cli.Run("account", "new", "--home", elsewhere, "--no-passphrase", "--json").Code);

        Assert.True(AccountVault.Describe(WispHome.At(elsewhere), ProfileName.Default).IsSuccess);
        Assert.False(Directory.Exists(cli.HomePath));
    }

    private static string PhraseLine(string stdout) =>
        stdout.Split('\n').Select(line => line.Trim()).Single(line => PhraseOnALine().IsMatch(line));

    [GeneratedRegex("^[a-z]+( [a-z]+){23}$")]
    private static partial Regex PhraseOnALine();

    [GeneratedRegex(@"Word #(\d+): ")]
    private static partial Regex WordPrompt();
}
