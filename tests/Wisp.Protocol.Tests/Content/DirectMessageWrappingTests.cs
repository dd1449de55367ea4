using CsCheck;
using Google.Protobuf;
using Wisp.Protocol.Content;

namespace Wisp.Protocol.Tests.Content;

public sealed class DirectMessageWrappingTests
{
    [Fact]
    public void Wrapping_writes_the_exact_bytes_session_stores()
    {
        var stored = DirectMessageWrapping.Wrap([0xab], sentTimestampMs: 1);

        // WebSocketMessage: 08 01 (type=REQUEST) 12 11 (request, 17 bytes):
        //   0a 00 (verb "") 12 00 (path "") 1a 09 (body, 9 bytes) 20 00 (requestId 0)
        //   Envelope: 08 06 (SESSION_MESSAGE) 28 01 (timestamp 1) 38 01 (sourceDevice 1) 42 01 ab (content)
        Assert.Equal("080112110a0012001a09080628013801" + "4201ab2000", Convert.ToHexStringLower(stored));
    }

    [Fact]
    public void A_stored_message_from_an_older_session_client_unwraps()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "libsession-util", "old_config_websocket_message.txt"))
            .Where(l => !l.StartsWith('#')).ToArray();
        var expected = lines[..^1].Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var stored = Convert.FromHexString(lines[^1]);

        var result = DirectMessageWrapping.Unwrap(stored);

        Assert.True(result.Ok, result.Describe());
        var envelope = result.Envelope!;
        Assert.Equal((int)envelope.Type, int.Parse(expected["envelope.type"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected["envelope.source"], envelope.Source);
        Assert.Equal(ulong.Parse(expected["envelope.timestamp"], System.Globalization.CultureInfo.InvariantCulture), envelope.Timestamp);
        Assert.Equal(uint.Parse(expected["envelope.sourceDevice"], System.Globalization.CultureInfo.InvariantCulture), envelope.SourceDevice);
        Assert.Equal(int.Parse(expected["envelope.contentLength"], System.Globalization.CultureInfo.InvariantCulture), envelope.Content.Length);

        var wrapper = WebSocketMessage.Parser.ParseFrom(stored);
        Assert.Equal(expected["verb"], wrapper.Request.Verb);
        Assert.Equal(expected["path"], wrapper.Request.Path);
        Assert.Equal(ulong.Parse(expected["requestId"], System.Globalization.CultureInfo.InvariantCulture), wrapper.Request.RequestId);
    }

    [Fact]
    public void Wrap_then_unwrap_gives_back_the_envelope()
    {
        Gen.Select(Gen.Byte.Array[1, 300], Gen.ULong, Gen.Byte.Array[0, 64]).Sample((sealedContent, timestamp, proSig) =>
        {
            var result = DirectMessageWrapping.Unwrap(DirectMessageWrapping.Wrap(sealedContent, timestamp, proSig));

            Assert.True(result.Ok, result.Describe());
            Assert.Equal(Envelope.Types.Type.SessionMessage, result.Envelope!.Type);
            Assert.Equal(DirectMessageWrapping.SourceDevice, result.Envelope.SourceDevice);
            Assert.Equal(timestamp, result.Envelope.Timestamp);
            Assert.Equal(sealedContent, result.Envelope.Content.ToByteArray());
            Assert.Equal(proSig.Length > 0, result.Envelope.HasProSig);
            Assert.Equal(proSig, result.Envelope.ProSig.ToByteArray());
            Assert.False(result.Envelope.HasSource);
        });
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        Assert.Equal(UnwrapError.Empty, DirectMessageWrapping.Unwrap([]).Error);
    }

    [Fact]
    public void Bytes_that_are_not_protobuf_are_refused()
    {
        Assert.Equal(UnwrapError.MalformedWrapper, DirectMessageWrapping.Unwrap([0xff, 0xff, 0xff]).Error);
    }

    [Fact]
    public void A_truncated_wrapper_is_refused()
    {
        var stored = DirectMessageWrapping.Wrap([1, 2, 3], 5);

        Assert.Equal(UnwrapError.MalformedWrapper, DirectMessageWrapping.Unwrap(stored.AsSpan(0, stored.Length - 3)).Error);
    }

    [Fact]
    public void A_response_is_not_a_stored_message()
    {
        var response = new WebSocketMessage { Type = WebSocketMessage.Types.Type.Response, Response = new WebSocketResponseMessage { Status = 200 } };

        Assert.Equal(UnwrapError.NotARequest, DirectMessageWrapping.Unwrap(response.ToByteArray()).Error);
    }

    [Fact]
    public void A_request_without_a_body_is_refused()
    {
        var message = new WebSocketMessage { Type = WebSocketMessage.Types.Type.Request, Request = new WebSocketRequestMessage { Verb = "" } };

        Assert.Equal(UnwrapError.MissingEnvelope, DirectMessageWrapping.Unwrap(message.ToByteArray()).Error);
    }

    [Fact]
    public void A_body_that_is_not_an_envelope_is_refused()
    {
        Assert.Equal(UnwrapError.MalformedEnvelope, DirectMessageWrapping.Unwrap(WrapBody([0xff, 0x01])).Error);
    }

    [Fact]
    public void An_envelope_without_its_required_timestamp_is_refused()
    {
        // 08 06: type only; timestamp (field 5) is required.
        Assert.Equal(UnwrapError.MalformedEnvelope, DirectMessageWrapping.Unwrap(WrapBody([0x08, 0x06])).Error);
    }

    [Fact]
    public void An_envelope_without_content_is_refused()
    {
        var envelope = new Envelope { Type = Envelope.Types.Type.SessionMessage, Timestamp = 1, SourceDevice = 1 };

        Assert.Equal(UnwrapError.MissingContent, DirectMessageWrapping.Unwrap(WrapBody(envelope.ToByteArray())).Error);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var result = DirectMessageWrapping.Unwrap(bytes);
            Assert.Equal(result.Ok, result.Envelope is not null);
        }, iter: 5000);
    }

    private static byte[] WrapBody(byte[] body) => new WebSocketMessage
    {
        Type = WebSocketMessage.Types.Type.Request,
        Request = new WebSocketRequestMessage { Verb = "", Path = "", RequestId = 0, Body = ByteString.CopyFrom(body) },
    }.ToByteArray();
}
