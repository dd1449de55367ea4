using Wisp.Cli.Commands.Chat;

namespace Wisp.Cli.Tests.Commands.Chat;

public class SlashCommandTests
{
    [Theory]
    [InlineData("/help")]
    [InlineData("/HELP")]
    [InlineData("/?")]
    public void HelpIsACommand(string line) => Assert.IsType<SlashCommand.ShowHelp>(SlashCommand.Parse(line));

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    public void QuitIsACommand(string line) => Assert.IsType<SlashCommand.Quit>(SlashCommand.Parse(line));

    [Fact]
    public void DisappearTakesWhatFollows() => Assert.Equal(new SlashCommand.Disappear("1h"), SlashCommand.Parse("/disappear  1h"));

    [Theory]
    [InlineData("/disappearing 1h", "/disappearing")]
    [InlineData("/shrug", "/shrug")]
    [InlineData("/", "/")]
    public void AnyOtherSlashLineIsAnUnknownCommandNeverText(string line, string name) =>
        Assert.Equal(new SlashCommand.Unknown(name), SlashCommand.Parse(line));

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("//shrug", "/shrug")]
    [InlineData("a /quit in the middle", "a /quit in the middle")]
    public void OtherLinesAreText(string line, string body) => Assert.Equal(new SlashCommand.Text(body), SlashCommand.Parse(line));

    [Fact]
    public void TheHelpNamesEveryCommand()
    {
        foreach (var command in new[] { "/help", "/quit", "/disappear", "Ctrl-D", "//" })
            Assert.Contains(command, SlashCommand.Help);
    }
}
