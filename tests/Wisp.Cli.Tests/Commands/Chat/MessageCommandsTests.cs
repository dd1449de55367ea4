using Wisp.Cli.Commands.Chat;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands.Chat;

public class MessageCommandsTests
{
    private static readonly AccountId Me = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;

    [Fact]
    public void ReplyTakesANumberAndText() => Assert.Equal(new SlashCommand.Reply(2, "see you then"), SlashCommand.Parse("/reply 2 see you then"));

    [Theory]
    [InlineData("/react 1 👍", false)]
    [InlineData("/unreact 1 👍", true)]
    public void ReactAndUnreactTakeANumberAndOneEmoji(string line, bool remove) =>
        Assert.Equal(new SlashCommand.React(1, "👍", remove), SlashCommand.Parse(line));

    [Theory]
    [InlineData("/delete 3", false)]
    [InlineData("/delete 3 --everyone", true)]
    public void DeleteTakesANumberAndMaybeEveryone(string line, bool everyone) =>
        Assert.Equal(new SlashCommand.Delete(3, everyone), SlashCommand.Parse(line));

    [Theory]
    [InlineData("/reply")]
    [InlineData("/reply 2")]
    [InlineData("/reply x hello")]
    [InlineData("/reply 0 hello")]
    [InlineData("/react 1")]
    [InlineData("/react 1 two words")]
    [InlineData("/delete")]
    [InlineData("/delete 1 --everybody")]
    public void AMisusedCommandSaysHowToTypeItAndIsNeverSent(string line) =>
        Assert.IsType<SlashCommand.Misused>(SlashCommand.Parse(line));

    [Fact]
    public void ListIsACommandAndTheHelpNamesTheNewCommands()
    {
        Assert.IsType<SlashCommand.List>(SlashCommand.Parse("/list"));
        foreach (var command in new[] { "/list", "/reply", "/react", "/unreact", "/delete", "--everyone" })
            Assert.Contains(command, SlashCommand.Help);
    }

    [Fact]
    public void AReplyShowsItsQuoteAboveAndReactionsBelow()
    {
        var message = Message(MessageDirection.In, "yes") with
        {
            Quote = new MessageQuote(1, Me, "dinner?"),
            Reactions = [new MessageReaction(Me, "👍"), new MessageReaction(Bob, "👍"), new MessageReaction(Me, "🎉")],
        };

        var lines = MessagePrinting.Line(message, "bob").Split(Environment.NewLine);

        Assert.Equal("  | you: dinner?", lines[0]);
        Assert.EndsWith("bob: yes", lines[1]);
        Assert.Equal("  👍 you, bob  🎉 you", lines[2]);
    }

    [Fact]
    public void ADeletedMessageShowsAsDeletedAndItsJsonSaysWhen()
    {
        var message = Message(MessageDirection.In, "") with { DeletedAtMs = 5 };

        Assert.EndsWith("bob: (message deleted)", MessagePrinting.Line(message, "bob"));
        Assert.Equal(5, (long)MessagePrinting.Json(message)["deleted_at"]!);
    }

    [Fact]
    public void TheChatShowsReactionsAndDeletionsAsTheyHappen()
    {
        var screen = new ChatScreen(Bob, "bob", _ => "bob");
        var reacted = Message(MessageDirection.Out, "good news") with { Reactions = [new MessageReaction(Bob, "🎉")] };

        Assert.Equal("(reactions on \"good news\": 🎉 bob)", screen.Describe(new ClientEvent.MessageChanged(reacted)));
        Assert.StartsWith("(bob deleted a message: ", screen.Describe(new ClientEvent.MessageChanged(Message(MessageDirection.In, "") with { DeletedAtMs = 1 })));
        Assert.Equal("(message deleted for you)", screen.Describe(new ClientEvent.MessageRemoved(Bob, "x")));
    }

    [Fact]
    public void EventsOfChangesHaveSnakeCaseNames()
    {
        Assert.Equal("changed", (string)EventJson.Of(new ClientEvent.MessageChanged(Message(MessageDirection.In, "x")))["event"]!);
        var removed = EventJson.Of(new ClientEvent.MessageRemoved(Bob, "abc"));
        Assert.Equal("removed", (string)removed["event"]!);
        Assert.Equal("abc", (string)removed["message_id"]!);
    }

    private static MessageView Message(MessageDirection direction, string body) => new(
        Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), Bob, direction, direction == MessageDirection.In ? Bob : Me, MessageKind.Text, body,
        1_750_000_000_000, null, direction == MessageDirection.Out ? MessageStatus.Sent : null, null, 0, null, null, null);
}
