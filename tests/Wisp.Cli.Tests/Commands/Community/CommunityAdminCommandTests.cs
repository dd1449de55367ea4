using System.Text.Json;
using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands.Community;

/// <summary>
/// <c>wisp community room|moderator|ban|unban --data DIR</c> on a real data directory: rooms with their join URL and
/// QR code, moderators visible and hidden, bans with timeouts, and the refusals with their exit codes.
/// </summary>
public sealed class CommunityAdminCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _data;
    private static readonly string Member = "15" + Convert.ToHexStringLower(Crypto.RandomBytes.Get(32));

    public CommunityAdminCommandTests() => _data = Path.Combine(_cli.Root, "community");

    public void Dispose() => _cli.Dispose();

    private (int Code, string Stdout, string Stderr) Run(params string[] args) => _cli.Run([.. args, "--data", _data]);

    private JsonElement Info(string token)
    {
        var (code, stdout, stderr) = Run("community", "room", "info", token, "--json");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Fact]
    public void A_room_is_added_with_its_join_url_and_qr_code_then_listed_and_removed()
    {
        var (code, stdout, _) = Run("community", "room", "add", "lobby", "The Lobby", "--description", "Say hello");

        Assert.Equal(0, code);
        var publicKey = Info("lobby").GetProperty("join_url").GetString()!.Split("public_key=")[1];
        Assert.Matches("^[0-9a-f]{64}$", publicKey);
        Assert.Contains($"http://127.0.0.1:8081/lobby?public_key={publicKey}", stdout);
        Assert.Contains('▀', stdout); // the QR code
        Assert.Equal("Say hello", Info("lobby").GetProperty("description").GetString());
        Assert.Contains("lobby  The Lobby", Run("community", "room", "list").Stdout);

        Assert.Equal(0, Run("community", "room", "remove", "lobby").Code);

        var (again, _, error) = Run("community", "room", "remove", "lobby");
        Assert.Equal((2, "wisp: no such room 'lobby'.\n"), (again, error.ReplaceLineEndings("\n")));
        Assert.Contains("No rooms yet", Run("community", "room", "list").Stdout);
    }

    [Theory]
    [InlineData("bad token!", "room tokens may only contain a-z, A-Z, 0-9, _, and - characters")]
    [InlineData("lobby", "room 'lobby' already exists.")]
    public void A_bad_or_taken_token_is_refused(string token, string error)
    {
        Run("community", "room", "add", "lobby", "Lobby");

        var (code, _, stderr) = Run("community", "room", "add", token, "Another");

        Assert.Equal(2, code);
        Assert.Contains(error, stderr);
    }

    [Fact]
    public void Moderators_are_appointed_visible_or_hidden_and_removed()
    {
        Run("community", "room", "add", "lobby", "Lobby");
        var hidden = "15" + Convert.ToHexStringLower(Crypto.RandomBytes.Get(32));

        Assert.Equal(0, Run("community", "moderator", "add", Member, "--room", "lobby").Code);
        Assert.Equal(0, Run("community", "moderator", "add", hidden, "--global", "--admin").Code);

        var info = Info("lobby");
        Assert.Equal([Member], info.GetProperty("moderators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([hidden], info.GetProperty("hidden_admins").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(0, Run("community", "moderator", "remove", Member, "--room", "lobby").Code);
        Assert.Empty(Info("lobby").GetProperty("moderators").EnumerateArray());
    }

    [Fact]
    public void Bans_take_a_room_or_the_server_and_an_optional_timeout()
    {
        Run("community", "room", "add", "lobby", "Lobby");

        var (code, stdout, _) = Run("community", "ban", Member, "--room", "lobby", "--timeout", "90m");

        Assert.Equal(0, code);
        Assert.Contains("for 01:30:00", stdout);
        Assert.Equal([Member], Info("lobby").GetProperty("banned").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, Run("community", "unban", Member, "--room", "lobby").Code);
        Assert.Empty(Info("lobby").GetProperty("banned").EnumerateArray());
        Assert.Equal(0, Run("community", "ban", Member, "--global").Code);
    }

    [Theory]
    [InlineData("ban", "--room", "lobby", "--global")]
    [InlineData("ban")]
    [InlineData("ban", "--room", "lobby", "--timeout", "soon")]
    [InlineData("moderator", "add", "--room", "nowhere")]
    public void Bad_arguments_are_usage_errors(params string[] args)
    {
        Run("community", "room", "add", "lobby", "Lobby");
        var command = args[0] == "ban" ? (string[])["community", "ban", Member, .. args[1..]] : ["community", args[0], args[1], Member, .. args[2..]];

        var (code, _, stderr) = Run(command);

        Assert.Equal(2, code);
        Assert.StartsWith("wisp: ", stderr);
    }

    [Fact]
    public void An_account_id_that_never_visited_is_refused_with_what_to_give_instead()
    {
        Run("community", "room", "add", "lobby", "Lobby");
        using var account = Crypto.Keys.Ed25519KeyPair.Generate();

        var (code, _, stderr) = Run("community", "moderator", "add", account.AccountId.ToString(), "--room", "lobby");

        Assert.Equal(2, code);
        Assert.Contains("has not used this server yet", stderr);
    }

    [Fact]
    public void Every_administration_command_has_help()
    {
        foreach (var command in new[] { "room add", "room remove", "room list", "room info", "moderator add", "moderator remove", "ban", "unban" })
        {
            var (code, stdout, _) = _cli.Run(["community", .. command.Split(' '), "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("--data", stdout);
        }
    }
}
