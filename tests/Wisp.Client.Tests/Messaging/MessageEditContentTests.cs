using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Tests.Messaging;

/// <summary>Quotes, reactions and unsend requests through compose and open, in Session's protobuf fields.</summary>
public sealed class MessageEditContentTests : IDisposable
{
    private const ulong SentAt = 1_750_000_000_123;
    private readonly Ed25519KeyPair _alice = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _bob = Ed25519KeyPair.Generate();

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public void A_reply_carries_the_quoted_messages_timestamp_author_and_text()
    {
        var quote = new MessageQuote(1_749_999_999_000, _bob.AccountId, "what time?");

        var data = Open(MessageContent.Text("noon", SentAt, "Alice", null, quote)).DataMessage;

        Assert.Equal("noon", data.Body);
        Assert.Equal(1_749_999_999_000UL, data.Quote.Id);
        Assert.Equal(_bob.AccountId.Hex, data.Quote.Author);
        Assert.Equal("what time?", data.Quote.Text);
        Assert.Equal("Alice", data.Profile.DisplayName);
        Assert.False(data.Profile.HasProfilePicture); // no picture, no key: Session's fields left empty
        Assert.False(data.HasProfileKey);
    }

    [Fact]
    public void A_text_without_a_quote_or_name_carries_neither()
    {
        var data = Open(MessageContent.Text("plain", SentAt, null, null)).DataMessage;

        Assert.Null(data.Quote);
        Assert.Null(data.Profile);
    }

    [Theory]
    [InlineData(false, DataMessage.Types.Reaction.Types.Action.React)]
    [InlineData(true, DataMessage.Types.Reaction.Types.Action.Remove)]
    public void A_reaction_names_the_message_by_timestamp_and_author(bool remove, DataMessage.Types.Reaction.Types.Action action)
    {
        var data = Open(MessageContent.Reaction(1_749_999_999_000, _bob.AccountId, "👍", remove, SentAt)).DataMessage;

        Assert.Equal(1_749_999_999_000UL, data.Reaction.Id);
        Assert.Equal(_bob.AccountId.Hex, data.Reaction.Author);
        Assert.Equal("👍", data.Reaction.Emoji);
        Assert.Equal(action, data.Reaction.Action);
        Assert.Equal(SentAt, data.Timestamp);
        Assert.False(data.HasBody);
    }

    [Fact]
    public void An_unsend_request_opens_and_names_the_message_by_timestamp_and_author()
    {
        var unsend = Open(MessageContent.Unsend(1_749_999_999_000, _alice.AccountId)).UnsendRequest;

        Assert.Equal(1_749_999_999_000UL, unsend.Timestamp);
        Assert.Equal(_alice.AccountId.Hex, unsend.Author);
    }

    private Content Open(Content content)
    {
        var composed = MessageComposer.Compose(_alice, _bob.AccountId, content, SentAt);
        Assert.True(composed.Ok, composed.Detail);
        var opened = MessageOpener.Open(_bob, composed.Stored);
        Assert.True(opened.Ok, opened.Detail);
        return opened.Message!.Content;
    }
}
