using System.Text.Json;
using Wisp.Cli.Commands;

namespace Wisp.Cli.Tests.Commands;

public class AccountInspectTests
{
    // Session's 13-word phrase of seed 0123456789abcdef0123456789abcdef (then zero-padded); the Account ID is
    // libsession-util's tests/test_session_encrypt.cpp vector for that seed.
    private const string SessionPhrase = "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";
    private const string SessionAccountId = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

    // BIP39's published vector for 32 bytes of 0x7f entropy (trezor/python-mnemonic vectors.json); in Wisp those
    // 32 bytes are the Ed25519 seed.
    private const string Bip39Phrase =
        "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful " +
        "legal winner thank year wave sausage worth title";

    [Fact]
    public void Inspects_a_session_phrase()
    {
        var (code, stdout, stderr) = Run(SessionPhrase, json: false);

        Assert.Equal(0, code);
        Assert.Contains(SessionAccountId, stdout);
        Assert.Contains("Session 13-word phrase", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Inspects_a_wisp_phrase_as_json()
    {
        var (code, stdout, _) = Run(Bip39Phrase, json: true);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("wisp-24", root.GetProperty("phrase_kind").GetString());
        using var keys = Crypto.Keys.Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x7f, 32).ToArray());
        Assert.Equal(keys.AccountId.Hex, root.GetProperty("account_id").GetString());
        Assert.Equal(keys.PublicKey.ToHex(), root.GetProperty("ed25519_public_key").GetString());
    }

    [Fact]
    public void Reads_the_phrase_from_standard_input_when_not_given()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = AccountCommand.Inspect(null, json: false, new StringReader(SessionPhrase + "\n"), stdout, stderr);

        Assert.Equal(0, code);
        Assert.Contains(SessionAccountId, stdout.ToString());
    }

    [Theory]
    [InlineData("vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted zoo", "checksum")]
    [InlineData("vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted", "12")]
    [InlineData("vexed enjoy pigment films adept voted vexed enjoy pigment films adept xyzzy adept", "xyzzy")]
    [InlineData("   ", "no recovery phrase")]
    public void Rejects_a_bad_phrase_naming_the_problem(string phrase, string expected)
    {
        var (code, stdout, stderr) = Run(phrase, json: false);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_command_has_help_text()
    {
        var pending = new Stack<System.CommandLine.Command>([WispCommand.Create()]);
        while (pending.TryPop(out var command))
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{command.Name}' has no description");
            foreach (var option in command.Options)
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"'{command.Name} {option.Name}' has no description");
            foreach (var sub in command.Subcommands)
                pending.Push(sub);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string phrase, bool json)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = AccountCommand.Inspect(phrase, json, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
