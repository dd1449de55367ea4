using Google.Protobuf;
using Wisp.Client.Messaging;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Messaging;

public sealed class MessageComposerTests : IDisposable
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
    public void A_text_message_round_trips_with_its_sender_profile_and_timer()
    {
        var content = MessageContent.Text("hello bob", SentAt, "Alice", TimeSpan.FromMinutes(5));

        var stored = Compose(content);
        var outcome = MessageOpener.Open(_bob, stored);

        Assert.True(outcome.Ok, outcome.Detail);
        var message = outcome.Message!;
        Assert.Equal(_alice.AccountId, message.Sender);
        Assert.Equal(SentAt, message.SentAtMs);
        Assert.Equal("hello bob", message.Content.DataMessage.Body);
        Assert.Equal(SentAt, message.Content.DataMessage.Timestamp);
        Assert.Equal("Alice", message.Content.DataMessage.Profile.DisplayName);
        Assert.Equal(TimeSpan.FromMinutes(5), MessageContent.DisappearAfter(message.Content));
    }

    [Fact]
    public void The_stored_bytes_are_a_session_envelope_of_padded_sealed_content()
    {
        var stored = Compose(MessageContent.Text("x", SentAt, null, null));

        var envelope = DirectMessageWrapping.Unwrap(stored).Envelope!;
        Assert.Equal(Envelope.Types.Type.SessionMessage, envelope.Type);
        Assert.Equal(MessageComposer.ProSignatureBytes, envelope.ProSig.Length);
        var opened = SessionSealer.Open(_bob, envelope.Content.Span);
        Assert.True(opened.Succeeded);
        Assert.Equal(0, opened.Plaintext.Length % MessagePadding.BlockBytes);
        Assert.Null(MessageContent.DisappearAfter(Content.Parser.ParseFrom(Unpad(opened.Plaintext))));
    }

    [Fact]
    public void Receipts_typing_and_timer_updates_round_trip()
    {
        var receipt = Open(MessageContent.ReadReceipt([1, 2, 3])).Content.ReceiptMessage;
        Assert.Equal(ReceiptMessage.Types.Type.Read, receipt.Type);
        Assert.Equal([1UL, 2, 3], receipt.Timestamp);

        var typing = Open(MessageContent.Typing(started: true, SentAt)).Content.TypingMessage;
        Assert.Equal(TypingMessage.Types.Action.Started, typing.Action);
        Assert.Equal(TypingMessage.Types.Action.Stopped, Open(MessageContent.Typing(false, SentAt)).Content.TypingMessage.Action);

        var update = Open(MessageContent.TimerUpdate(SentAt, TimeSpan.FromHours(1))).Content;
        Assert.Equal((uint)DataMessage.Types.Flags.ExpirationTimerUpdate, update.DataMessage.Flags);
        Assert.Equal(TimeSpan.FromHours(1), MessageContent.DisappearAfter(update));
        Assert.Null(MessageContent.DisappearAfter(Open(MessageContent.TimerUpdate(SentAt, null)).Content));
    }

    [Fact]
    public void Content_too_large_to_store_is_refused_before_sealing()
    {
        var result = MessageComposer.Compose(_alice, _bob.AccountId, MessageContent.Text(new string('a', StorageLimits.MaxMessageBytes), SentAt, null, null), SentAt);

        Assert.Equal(MessageFailure.TooLarge, result.Failure);
        Assert.Null(result.Stored);
    }

    [Fact]
    public void Stored_bytes_larger_than_a_node_stores_are_too_large()
    {
        Assert.Equal(MessageFailure.TooLarge, MessageOpener.Open(_bob, new byte[StorageLimits.MaxMessageBytes + 1]).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ff")]
    [InlineData("0801")] // a WebSocketMessage REQUEST without a request
    public void Bytes_that_are_not_an_envelope_are_refused(string hex)
    {
        Assert.Equal(MessageFailure.NotAnEnvelope, MessageOpener.Open(_bob, Convert.FromHexString(hex)).Failure);
    }

    [Fact]
    public void An_envelope_of_another_type_is_not_a_direct_message()
    {
        var stored = Compose(MessageContent.Text("x", SentAt, null, null));
        var wrapper = WebSocketMessage.Parser.ParseFrom(stored);
        var envelope = Envelope.Parser.ParseFrom(wrapper.Request.Body);
        envelope.Type = Envelope.Types.Type.ClosedGroupMessage;
        wrapper.Request.Body = envelope.ToByteString();

        Assert.Equal(MessageFailure.NotAnEnvelope, MessageOpener.Open(_bob, wrapper.ToByteArray()).Failure);
    }

    [Fact]
    public void A_message_for_someone_else_does_not_decrypt()
    {
        using var carol = Ed25519KeyPair.Generate();
        Assert.Equal(MessageFailure.DecryptFailed, MessageOpener.Open(carol, Compose(MessageContent.Text("x", SentAt, null, null))).Failure);
    }

    [Fact]
    public void Altered_ciphertext_does_not_decrypt()
    {
        var sealedContent = SessionSealer.Seal(_alice, _bob.X25519PublicKey, MessagePadding.Pad(MessageContent.Text("x", SentAt, null, null).ToByteArray()));
        sealedContent[^1] ^= 1;

        Assert.Equal(MessageFailure.DecryptFailed, MessageOpener.Open(_bob, DirectMessageWrapping.Wrap(sealedContent, SentAt)).Failure);
    }

    [Fact]
    public void A_message_signed_by_a_forger_in_alices_name_has_a_bad_signature()
    {
        using var forger = Ed25519KeyPair.Generate();
        var message = MessagePadding.Pad(MessageContent.Text("send money", SentAt, null, null).ToByteArray());
        byte[] signed = [.. message, .. _alice.PublicKey.Span, .. _bob.X25519PublicKey.Span];
        byte[] inner = [.. message, .. _alice.PublicKey.Span, .. Ed25519.Sign(forger, signed)];

        var outcome = MessageOpener.Open(_bob, DirectMessageWrapping.Wrap(RawSealedBox.Seal(inner, _bob.X25519PublicKey), SentAt));

        Assert.Equal(MessageFailure.BadSignature, outcome.Failure);
        Assert.Null(outcome.Message);
    }

    [Fact]
    public void Unpadded_content_from_an_old_client_is_accepted()
    {
        var plain = MessageContent.Text("old client", SentAt, null, null).ToByteArray();

        var outcome = MessageOpener.Open(_bob, DirectMessageWrapping.Wrap(SessionSealer.Seal(_alice, _bob.X25519PublicKey, plain), SentAt));

        Assert.True(outcome.Ok, outcome.Detail);
        Assert.Equal("old client", outcome.Message!.Content.DataMessage.Body);
    }

    [Fact]
    public void Content_that_is_neither_padded_nor_a_protobuf_has_bad_padding()
    {
        // 0xff is a field tag with wire type 7, which protobuf does not have; no 0x80 precedes the trailing zero.
        var outcome = MessageOpener.Open(_bob, Seal([0xff, 0xff, 0x00]));

        Assert.Equal(MessageFailure.BadPadding, outcome.Failure);
    }

    [Fact]
    public void Padded_bytes_that_are_not_a_content_protobuf_are_bad_protobuf()
    {
        Assert.Equal(MessageFailure.BadProtobuf, MessageOpener.Open(_bob, Seal(MessagePadding.Pad([0xff, 0xff]))).Failure);
    }

    [Fact]
    public void Content_with_nothing_a_conversation_understands_is_unsupported()
    {
        var empty = new Content { ExpirationTimer = 5 };
        Assert.Equal(MessageFailure.Unsupported, MessageOpener.Open(_bob, Seal(MessagePadding.Pad(empty.ToByteArray()))).Failure);
    }

    private byte[] Seal(byte[] plaintext) => DirectMessageWrapping.Wrap(SessionSealer.Seal(_alice, _bob.X25519PublicKey, plaintext), SentAt);

    private byte[] Compose(Content content)
    {
        var result = MessageComposer.Compose(_alice, _bob.AccountId, content, SentAt);
        Assert.True(result.Ok, result.Detail);
        return result.Stored!;
    }

    private OpenedMessage Open(Content content)
    {
        var outcome = MessageOpener.Open(_bob, Compose(content));
        Assert.True(outcome.Ok, outcome.Detail);
        return outcome.Message!;
    }

    private static byte[] Unpad(byte[] padded)
    {
        Assert.True(MessagePadding.TryUnpad(padded, out var content));
        return content.ToArray();
    }
}
