using System.Text.Json;
using Wisp.Cli.Commands.Chat;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands.Chat;

public class ChatScreenTests
{
    private static readonly AccountId Me = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;
    private readonly ChatScreen _screen = new(Bob, "bob", peer => peer == Bob ? "bob" : "someone");

    [Fact]
    public void TypingShowsOnceUntilBobStopsOrWrites()
    {
        Assert.Equal("(bob is typing…)", _screen.Describe(new ClientEvent.Typing(Bob, true)));
        Assert.Null(_screen.Describe(new ClientEvent.Typing(Bob, true)));
        Assert.NotNull(_screen.Describe(new ClientEvent.MessageAdded(Message(MessageDirection.In, "hi"), false)));
        Assert.Equal("(bob is typing…)", _screen.Describe(new ClientEvent.Typing(Bob, true)));
        Assert.Null(_screen.Describe(new ClientEvent.Typing(Bob, false)));
        Assert.Equal("(bob is typing…)", _screen.Describe(new ClientEvent.Typing(Bob, true)));
    }

    [Fact]
    public void ReadShowsOnceForWhatWasSentSinceTheLastTime()
    {
        Assert.Equal("(bob read your messages)", _screen.Describe(new ClientEvent.MessagesRead(Bob, 2)));
        Assert.Null(_screen.Describe(new ClientEvent.MessagesRead(Bob, 1)));
        _screen.Describe(new ClientEvent.MessageAdded(Message(MessageDirection.Out, "more"), false));
        Assert.Equal("(bob read your messages)", _screen.Describe(new ClientEvent.MessagesRead(Bob, 1)));
    }

    [Fact]
    public void MessagesSentByAnotherProcessShowAsMine()
    {
        var line = _screen.Describe(new ClientEvent.MessageAdded(Message(MessageDirection.Out, "from another terminal", MessageStatus.Sent), false));
        Assert.EndsWith("you: from another terminal  (sent)", line);
    }

    [Fact]
    public void TheNetworkGoingAndComingBackIsSaidInWordsThatSayWhatToDo()
    {
        Assert.Contains("is `wisp up` running?", _screen.Describe(new ClientEvent.NetworkUnreachable("every path failed")));
        Assert.Equal("(reconnected to the network)", _screen.Describe(new ClientEvent.NetworkReconnected()));
    }

    [Fact]
    public void DeliveryStatesShowInWordsWithTheWayOut()
    {
        var failed = Message(MessageDirection.Out, "lost", MessageStatus.Failed) with { FailureReason = "its 14 days in the swarm ran out" };
        var line = _screen.Describe(new ClientEvent.DeliveryChanged(failed))!;
        Assert.Contains("FAILED", line);
        Assert.Contains($"`wisp retry {failed.Id}`", line);
        Assert.Equal("(sent: \"ok\")", _screen.Describe(new ClientEvent.DeliveryChanged(Message(MessageDirection.Out, "ok", MessageStatus.Sent))));
        Assert.Equal("(2 messages disappeared)", _screen.Describe(new ClientEvent.MessagesDisappeared(Bob, ["a", "b"])));
    }

    [Fact]
    public void NoLineNamesAnInternalEnum()
    {
        var events = new ClientEvent[]
        {
            new ClientEvent.MessageDropped("the sealed content does not open for this account"),
            new ClientEvent.DeliveryChanged(Message(MessageDirection.Out, "x", MessageStatus.Pending) with { Attempts = 1, FailureReason = "no path" }),
            new ClientEvent.MessageAdded(Message(MessageDirection.In, "x") with { Peer = Me }, true),
        };
        foreach (var clientEvent in events)
        {
            var line = _screen.Describe(clientEvent)!;
            foreach (var name in new[] { "Pending", "DecryptFailed", "Request", "Sending", "MessageStatus", "DeliveryState" })
                Assert.DoesNotContain(name, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void JsonEventsAreOneSnakeCaseObjectPerLine()
    {
        var events = new ClientEvent[]
        {
            new ClientEvent.MessageAdded(Message(MessageDirection.In, "two\nlines"), true),
            new ClientEvent.DeliveryChanged(Message(MessageDirection.Out, "x", MessageStatus.Sent)),
            new ClientEvent.MessagesRead(Bob, 3),
            new ClientEvent.Typing(Bob, true),
            new ClientEvent.MessagesDisappeared(Bob, ["a"]),
            new ClientEvent.NetworkUnreachable("down"),
            new ClientEvent.NetworkReconnected(),
        };
        var output = new StringWriter();
        foreach (var clientEvent in events)
            EventJson.WriteLine(EventJson.Of(clientEvent), output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Length, lines.Length);
        Assert.Equal(["message", "delivery", "read", "typing", "disappeared", "network_unreachable", "network_reconnected"],
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
        foreach (var line in lines)
            AssertSnakeCase(JsonDocument.Parse(line).RootElement);
    }

    private static void AssertSnakeCase(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Assert.Matches("^[a-z][a-z0-9_]*$", property.Name);
                AssertSnakeCase(property.Value);
            }
        }
    }

    private static MessageView Message(MessageDirection direction, string body, MessageStatus? status = null) => new(
        Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), Bob, direction, direction == MessageDirection.In ? Bob : Me, MessageKind.Text, body,
        1_750_000_000_000, null, direction == MessageDirection.Out ? status ?? MessageStatus.Pending : null, null, 0, null, null, null);
}
