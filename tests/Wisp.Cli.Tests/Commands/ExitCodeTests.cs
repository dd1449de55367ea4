using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands;

/// <summary>Exit codes: 2 for every usage error, the parser's own included; the table is in <c>wisp --help</c>.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("send")] // its arguments are missing
    [InlineData("send", "bob")]
    [InlineData("up", "--nodes", "many")]
    [InlineData("up", "--sync", "sometimes")]
    [InlineData("net", "status", "--no-such-option")]
    [InlineData("net", "remove-node")]
    [InlineData("account", "new", "--profile")]
    [InlineData("node", "info")] // --data is required
    [InlineData("contacts", "add", "05")]
    [InlineData("inbox", "extra")]
    public void A_parse_error_exits_2_and_says_what_is_wrong(params string[] args)
    {
        using var cli = new CliHarness();

        var (code, stdout, stderr) = cli.Run(args);

        Assert.Equal(2, code);
        Assert.NotEmpty(stderr.Trim());
        Assert.DoesNotContain("Unhandled exception", stderr + stdout);
    }

    [Fact]
    public void Wisp_without_a_command_is_a_usage_error()
    {
        using var cli = new CliHarness();

        Assert.Equal(2, cli.Run().Code);
    }

    [Fact]
    public void Help_lists_the_exit_codes_and_exits_0()
    {
        using var cli = new CliHarness();

        var (code, stdout, _) = cli.Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 done; 1 failed", stdout);
        Assert.Contains("2 usage error", stdout);
        Assert.Contains("3 (send) still pending", stdout);
    }

    [Fact]
    public void A_failure_that_is_not_the_users_input_exits_1()
    {
        using var cli = new CliHarness();

        var (code, _, stderr) = cli.Run("net", "status", "--network", Path.Combine(cli.Root, "nothing-here"));

        Assert.Equal(1, code);
        Assert.Contains("there is no local network", stderr);
        Assert.Contains("wisp up --network", stderr);
    }
}
