using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Client.Account;

namespace Wisp.Cli.Tests.Commands;

public class AccountRestoreTests
{
    // Session's 13-word phrase of seed 0123456789abcdef0123456789abcdef (then zero-padded); the Account ID is
    // libsession-util's tests/test_session_encrypt.cpp vector for that seed.
    private const string SessionPhrase = "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";
    private const string SessionAccountId = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

    // BIP39's published vector for 32 bytes of 0x7f entropy (trezor/python-mnemonic vectors.json).
    private const string Bip39Phrase =
        "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful " +
        "legal winner thank year wave sausage worth title";

    [Fact]
    public void Restores_a_session_phrase_and_says_so()
    {
        using var cli = new CliHarness();

        var (code, stdout, _) = cli.Run("account", "restore", "--phrase", SessionPhrase, "--no-passphrase");

        Assert.Equal(0, code);
        Assert.Contains(SessionAccountId, stdout);
        Assert.Contains("Session 13-word phrase", stdout);
        Assert.Equal(SessionAccountId, AccountVault.Describe(cli.Home, ProfileName.Default).Value!.AccountId.Hex);
    }

    [Fact]
    public void Restores_a_wisp_phrase_from_standard_input_as_json()
    {
        using var cli = new CliHarness();
        cli.Lines.Enqueue(Bip39Phrase);
        cli.Variables["WISP_PASSPHRASE"] = "restored with care 42";

        var (code, stdout, _) = cli.Run("account", "restore", "--profile", "w", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal("wisp-24", root.GetProperty("phrase_kind").GetString());
        Assert.True(root.GetProperty("passphrase").GetBoolean());
        using var keys = Crypto.Keys.Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x7f, 32).ToArray());
        Assert.Equal(keys.AccountId.Hex, root.GetProperty("account_id").GetString());
        using var passphrase = Passphrase.From("restored with care 42");
        using var opened = AccountVault.Open(cli.Home, ProfileName.Parse("w"), passphrase).Value;
        Assert.Equal(keys.AccountId, opened!.AccountId);
    }

    [Theory]
    [InlineData("vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted zoo", "checksum")]
    [InlineData("vexed enjoy pigment films adept voted", "6")]
    [InlineData("  ", "no recovery phrase")]
    public void A_bad_phrase_is_refused_before_any_passphrase_is_asked_for(string phrase, string expected)
    {
        using var cli = new CliHarness { Interactive = true };

        var (code, stdout, stderr) = cli.Run("account", "restore", "--phrase", phrase);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passphrase for profile", stderr);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Default)));
    }

    [Fact]
    public void An_existing_profile_is_refused()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "restore", "--phrase", SessionPhrase, "--no-passphrase").Code);

        var (code, _, stderr) = cli.Run("account", "restore", "--phrase", Bip39Phrase, "--no-passphrase");

        Assert.Equal(2, code);
        Assert.Contains("already exists", stderr);
        Assert.Equal(SessionAccountId, AccountVault.Describe(cli.Home, ProfileName.Default).Value!.AccountId.Hex);
    }
}
