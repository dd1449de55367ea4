using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands;

public class MessageEditCommandTests
{
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;

    [Fact]
    public void SetNameStoresTheDisplayNameAndNameShowsIt()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        Assert.Contains("no display name", cli.Run("account", "name").Stdout);

        Assert.Equal(0, cli.Run("account", "set-name", "Alice Liddell").Code);

        Assert.Equal("Alice Liddell", cli.Run("account", "name").Stdout.Trim());
        using var json = JsonDocument.Parse(cli.Run("account", "name", "--json").Stdout);
        Assert.Equal("Alice Liddell", json.RootElement.GetProperty("display_name").GetString());
        var tooLong = cli.Run("account", "set-name", new string('a', 101));
        Assert.Equal(2, tooLong.Code);
        Assert.Contains("at most 100 bytes", tooLong.Stderr);
    }

    [Fact]
    public async Task DeleteRemovesAMessageForMeAndAnUnknownIdIsAnError()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        string id;
        await using (var client = Open(cli))
            id = client.Conversations.Send(Bob, "never mind", null, out _)!.Id;

        var deleted = cli.Run("delete", id);
        Assert.Equal(0, deleted.Code);
        Assert.Contains("deleted for you", deleted.Stdout);
        Assert.DoesNotContain("never mind", cli.Run("outbox").Stdout);

        var again = cli.Run("delete", id);
        Assert.Equal(2, again.Code);
        Assert.Contains($"no message with id '{id}'", again.Stderr);
    }

    [Fact]
    public void DeleteForEveryoneAndReactNeedTheNetworkAndSayWhatToDo()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        var offline = Path.Combine(cli.Root, "no-network");

        Assert.Contains("Is `wisp up` running?", cli.Run("delete", "abc", "--everyone", "--network", offline).Stderr);
        Assert.Contains("Is `wisp up` running?", cli.Run("react", "abc", "👍", "--network", offline).Stderr);
    }

    private static WispClient Open(CliHarness cli)
    {
        Assert.True(WispClient.Open(cli.Home, ProfileName.Default, passphrase: null).TryGet(out var client, out var error), error?.Message);
        return client;
    }
}
