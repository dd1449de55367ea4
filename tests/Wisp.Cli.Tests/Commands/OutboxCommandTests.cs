using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands;

public class OutboxCommandTests
{
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;

    [Fact]
    public void SendWithoutARunningNetworkSaysWhatToDo()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var (code, _, stderr) = cli.Run("send", Bob.Hex, "hi", "--network", Path.Combine(cli.Root, "no-network"));

        Assert.Equal(1, code);
        Assert.Contains("Is `wisp up` running?", stderr);
    }

    [Fact]
    public async Task OutboxListsSendingAndFailedMessagesWithTheirReasonsAndRetryPutsFailedOnesBack()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        string sendingId, failedId;
        await using (var client = Open(cli))
        {
            sendingId = client.Conversations.Send(Bob, "still on its way", null, out _)!.Id;
            failedId = client.Conversations.Send(Bob, "given up on", null, out _)!.Id;
            client.Data.Outbox.MarkFailed(failedId, "its 14 days in the swarm ran out before any node could store it", afterAttempt: false);
        }

        var (code, stdout, _) = cli.Run("outbox");
        Assert.Equal(0, code);
        Assert.Contains($"{sendingId}  ", stdout);
        Assert.Contains("still on its way  sending (0 attempts; retried until ", stdout);
        Assert.Contains("given up on  FAILED: its 14 days in the swarm ran out before any node could store it", stdout);
        Assert.Contains("`wisp retry ID` (or --all)", stdout);

        using (var json = JsonDocument.Parse(cli.Run("outbox", "--json").Stdout))
        {
            var deliveries = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("delivery").GetString()).ToList();
            Assert.Equal(["sending", "failed"], deliveries);
        }

        // Retrying offline puts it back: it waits in the outbox with 14 new days.
        var retried = cli.Run("retry", failedId, "--network", Path.Combine(cli.Root, "no-network"));
        Assert.Equal(0, retried.Code);
        Assert.Contains($"{failedId}: sending", retried.Stdout);
        Assert.DoesNotContain("FAILED", cli.Run("outbox").Stdout);
        Assert.Contains("No failed messages to retry.", cli.Run("retry", "--all").Stdout);
    }

    [Theory]
    [InlineData(new[] { "retry" }, "or --all")]
    [InlineData(new[] { "retry", "abc", "--all" }, "or --all")]
    [InlineData(new[] { "retry", "abc" }, "there is no message 'abc'")]
    public void RetryWithoutAFailedMessageIsAUsageError(string[] args, string expected)
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var (code, _, stderr) = cli.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void AnEmptyOutboxSaysSo()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        Assert.Contains("The outbox is empty", cli.Run("outbox").Stdout);
    }

    private static WispClient Open(CliHarness cli)
    {
        Assert.True(WispClient.Open(cli.Home, ProfileName.Default, passphrase: null).TryGet(out var client, out var error), error?.Message);
        return client;
    }
}
