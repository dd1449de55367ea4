using System.Text.Json;
using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands;

public class AccountShowAndListTests
{
    private const string SessionPhrase = "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";
    private const string SessionAccountId = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

    [Fact]
    public void Show_prints_the_account_id_and_a_QR_code_without_asking_for_the_passphrase()
    {
        using var cli = new CliHarness();
        cli.Variables["WISP_PASSPHRASE"] = "shown and listed 42";
        Assert.Equal(0, cli.Run("account", "restore", "--phrase", SessionPhrase).Code);
        cli.Variables.Remove("WISP_PASSPHRASE");

        var (code, stdout, stderr) = cli.Run("account", "show");

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains($"Account ID:         {SessionAccountId}", stdout);
        Assert.Contains("Ed25519 public key:", stdout);
        Assert.Contains("█", stdout);
        Assert.Contains("▀", stdout);
    }

    [Fact]
    public void Show_without_QR_draws_no_blocks()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "restore", "--phrase", SessionPhrase, "--no-passphrase").Code);

        var (code, stdout, _) = cli.Run("account", "show", "--no-qr");

        Assert.Equal(0, code);
        Assert.Contains(SessionAccountId, stdout);
        Assert.DoesNotContain("█", stdout);
    }

    [Fact]
    public void Show_as_json()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "restore", "--profile", "s", "--phrase", SessionPhrase, "--no-passphrase").Code);

        var (code, stdout, _) = cli.Run("account", "show", "--profile", "s", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(SessionAccountId, document.RootElement.GetProperty("account_id").GetString());
        Assert.Equal("s", document.RootElement.GetProperty("profile").GetString());
        Assert.Equal(64, document.RootElement.GetProperty("ed25519_public_key").GetString()!.Length);
    }

    [Theory]
    [InlineData(new[] { "--qr", "--no-qr" }, "contradict")]
    [InlineData(new[] { "--qr", "--json" }, "--json cannot hold")]
    [InlineData(new[] { "--profile", "Nope" }, "profile name may contain only")]
    public void Show_refuses_bad_options(string[] options, string expected)
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "restore", "--phrase", SessionPhrase, "--no-passphrase").Code);

        var (code, _, stderr) = cli.Run(["account", "show", .. options]);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Showing_a_missing_profile_says_how_to_make_one()
    {
        using var cli = new CliHarness();

        var (code, stdout, stderr) = cli.Run("account", "show", "--profile", "ghost");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("no profile 'ghost'", stderr);
        Assert.Contains("wisp account new", stderr);
    }

    [Fact]
    public void List_shows_every_profile()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "restore", "--profile", "session", "--phrase", SessionPhrase, "--no-passphrase").Code);
        cli.Variables["WISP_PASSPHRASE"] = "shown and listed 42";
        Assert.Equal(0, cli.Run("account", "new", "--profile", "fresh", "--json").Code);

        var (code, stdout, _) = cli.Run("account", "list");
        var (jsonCode, json, _) = cli.Run("account", "list", "--json");

        Assert.Equal(0, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("fresh ", lines[1]);
        Assert.EndsWith("yes", lines[1]);
        Assert.StartsWith("session ", lines[2]);
        Assert.Contains(SessionAccountId, lines[2]);
        Assert.EndsWith("no", lines[2]);

        Assert.Equal(0, jsonCode);
        using var document = JsonDocument.Parse(json);
        var profiles = document.RootElement.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(["fresh", "session"], profiles.Select(p => p.GetProperty("profile").GetString()));
        Assert.Equal(cli.HomePath, document.RootElement.GetProperty("home").GetString());
    }

    [Fact]
    public void List_in_an_empty_home_says_how_to_start()
    {
        using var cli = new CliHarness();

        var (code, stdout, _) = cli.Run("account", "list");

        Assert.Equal(0, code);
        Assert.Contains("No profiles", stdout);
        Assert.Contains("wisp account new", stdout);
    }
}
