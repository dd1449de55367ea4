using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands;

public class BlockedAndRequestsCommandTests
{
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Carol = Ed25519KeyPair.Generate().AccountId;

    [Fact]
    public void AcceptingARequestMakesAContact()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        Seeded.Receive(cli, Bob, "hi, it's bob");

        var (code, stdout, _) = cli.Run("requests", "accept", Bob.Hex);

        Assert.Equal(0, code);
        Assert.Contains("accepted", stdout);
        Assert.Contains(Bob.Hex, cli.Run("contacts").Stdout);
    }

    [Fact]
    public void AcceptingWhatIsNoRequestFailsAndMakesNoContact()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var (code, _, stderr) = cli.Run("requests", "accept", Carol.Hex);
        Assert.Equal(1, code);
        Assert.Contains($"there is no pending message request from {Carol.Hex}", stderr);
        Assert.Contains("No contacts.", cli.Run("contacts").Stdout);

        var malformed = cli.Run("requests", "accept", "05abc");
        Assert.Equal(2, malformed.Code);
    }

    [Fact]
    public void ABlockedAccountIsListedByBlockedNotByContactsUntilUnblocked()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        Assert.Equal(0, cli.Run("contacts", "add", Bob.Hex, "bob").Code);
        Assert.Equal(0, cli.Run("requests", "block", Bob.Hex).Code);

        Assert.DoesNotContain(Bob.Hex, cli.Run("contacts").Stdout);
        using (var blocked = JsonDocument.Parse(cli.Run("blocked", "--json").Stdout))
        {
            var entry = Assert.Single(blocked.RootElement.GetProperty("blocked").EnumerateArray());
            Assert.Equal((Bob.Hex, "bob"), (entry.GetProperty("account_id").GetString(), entry.GetProperty("nickname").GetString()));
        }

        var unblocked = cli.Run("unblock", "bob");
        Assert.Equal(0, unblocked.Code);
        Assert.Contains("unblocked", unblocked.Stdout);
        Assert.Contains("No one is blocked.", cli.Run("blocked").Stdout);
        Assert.Contains(Bob.Hex, cli.Run("contacts").Stdout);

        var again = cli.Run("unblock", Bob.Hex);
        Assert.Equal(1, again.Code);
        Assert.Contains("is not blocked", again.Stderr);
    }
}
