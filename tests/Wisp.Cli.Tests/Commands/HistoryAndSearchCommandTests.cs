using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands;

public class HistoryAndSearchCommandTests
{
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Carol = Ed25519KeyPair.Generate().AccountId;

    [Fact]
    public void HistoryShowsTheConversationWithoutMarkingItRead()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        Seeded.Receive(cli, Bob, "first", "second", "third");

        var (code, stdout, _) = cli.Run("history", Bob.Hex, "--limit", "2");
        Assert.Equal(0, code);
        Assert.DoesNotContain("first", stdout);
        Assert.True(stdout.IndexOf("second", StringComparison.Ordinal) < stdout.IndexOf("third", StringComparison.Ordinal));

        using (var json = JsonDocument.Parse(cli.Run("history", Bob.Hex, "--json").Stdout))
        {
            var messages = json.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["first", "second", "third"], messages.Select(m => m.GetProperty("body").GetString()));
            Assert.All(messages, m => Assert.Equal(JsonValueKind.Null, m.GetProperty("read_at").ValueKind));
        }
        using (var requests = JsonDocument.Parse(cli.Run("requests", "--json").Stdout))
            Assert.Equal(3, requests.RootElement.GetProperty("requests")[0].GetProperty("unread").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "history", "nobody" }, "neither an Account ID")]
    [InlineData(new[] { "history", "nobody", "--limit", "0" }, "--limit must be between")]
    [InlineData(new[] { "search", "?!" }, "at least one word")]
    public void BadInputIsAUsageError(string[] args, string message)
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var (code, _, stderr) = cli.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void SearchFindsWholeWordsAcrossConversationsOrInOne()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        Seeded.Receive(cli, Bob, "the Lighthouse at dawn", "nothing here");
        Seeded.Receive(cli, Carol, "LIGHTHOUSE tour?");

        using (var all = JsonDocument.Parse(cli.Run("search", "lighthouse", "--json").Stdout))
        {
            var bodies = all.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString());
            Assert.Equal(["LIGHTHOUSE tour?", "the Lighthouse at dawn"], bodies);
        }
        var (code, stdout, _) = cli.Run("search", "lighthouse", "--peer", Bob.Hex);
        Assert.Equal(0, code);
        Assert.Contains("the Lighthouse at dawn", stdout);
        Assert.DoesNotContain("tour", stdout);
        Assert.Contains("No messages found.", cli.Run("search", "light").Stdout);
    }
}
