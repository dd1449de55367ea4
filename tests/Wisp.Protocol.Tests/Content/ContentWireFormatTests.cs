using Google.Protobuf;
using Wisp.Protocol.Content;
using ProtoContent = Wisp.Protocol.Content.Content;

namespace Wisp.Protocol.Tests.Content;

/// <summary>
/// Field numbers are the wire contract with Session. Each case is a small message whose bytes
/// were derived by hand from the protobuf encoding rules: tag = (field number &lt;&lt; 3) | wire type.
/// </summary>
public sealed class ContentWireFormatTests
{
    [Fact]
    public void Content_with_a_data_message_body_and_sig_timestamp()
    {
        var content = new ProtoContent { DataMessage = new DataMessage { Body = "hi" }, SigTimestamp = 1 };

        // 0a 04 (field 1, 4 bytes) [0a 02 "hi"] ; 78 01 (field 15 varint = 1)
        Assert.Equal("0a040a0268697801", Convert.ToHexStringLower(content.ToByteArray()));
    }

    [Fact]
    public void Data_message_fields_above_one_hundred()
    {
        var message = new DataMessage
        {
            Profile = new LokiProfile { DisplayName = "a" },
            SyncTarget = "b",
            BlocksCommunityMessageRequests = true,
        };

        // profile 101 → tag 810 = aa 06; syncTarget 105 → tag 842 = ca 06; blocks… 106 → tag 848 = d0 06
        Assert.Equal("aa06030a0161ca060162d00601", Convert.ToHexStringLower(message.ToByteArray()));
    }

    [Fact]
    public void Expiration_receipt_and_typing_fields()
    {
        var content = new ProtoContent
        {
            ReceiptMessage = new ReceiptMessage { Type = ReceiptMessage.Types.Type.Read, Timestamp = { 5 } },
            TypingMessage = new TypingMessage { Timestamp = 2, Action = TypingMessage.Types.Action.Stopped },
            ExpirationType = ProtoContent.Types.ExpirationType.DeleteAfterSend,
            ExpirationTimer = 60,
        };

        // 2a 04 [08 01 10 05] ; 32 04 [08 02 10 01] ; 60 02 ; 68 3c
        Assert.Equal("2a04080110053204080210016002683c", Convert.ToHexStringLower(content.ToByteArray()));
    }

    [Fact]
    public void Unsend_request_and_message_request_response()
    {
        var content = new ProtoContent
        {
            UnsendRequest = new UnsendRequest { Timestamp = 7, Author = "x" },
            MessageRequestResponse = new MessageRequestResponse { IsApproved = true },
        };

        // 4a 05 [08 07 12 01 "x"] ; 52 02 [08 01]
        Assert.Equal("4a0508071201785202" + "0801", Convert.ToHexStringLower(content.ToByteArray()));
    }

    [Fact]
    public void Attachment_pointer_id_is_fixed64_and_url_is_field_101()
    {
        var pointer = new AttachmentPointer { Id = 1, Url = "u" };

        // 09 + 8 little-endian bytes ; url 101 → tag 810 = aa 06
        Assert.Equal("090100000000000000aa060175", Convert.ToHexStringLower(pointer.ToByteArray()));
    }

    [Fact]
    public void A_full_data_message_round_trips()
    {
        var content = new ProtoContent
        {
            DataMessage = new DataMessage
            {
                Body = "hello",
                Attachments = { new AttachmentPointer { Id = 0, ContentType = "image/png", Key = ByteString.CopyFrom(1, 2, 3), Size = 3, Url = "http://files/1#p=ab&d" } },
                Flags = 2,
                ProfileKey = ByteString.CopyFrom(new byte[32]),
                Timestamp = 1_700_000_000_000,
                Quote = new DataMessage.Types.Quote { Id = 1, Author = "05ab", Text = "quoted" },
                Preview = { new DataMessage.Types.Preview { Url = "https://example.org", Title = "t" } },
                Reaction = new DataMessage.Types.Reaction { Id = 1, Author = "05ab", Emoji = "👍", Action = DataMessage.Types.Reaction.Types.Action.React },
                Profile = new LokiProfile { DisplayName = "Alice", ProfilePicture = "http://p", LastUpdateSeconds = 9 },
                OpenGroupInvitation = new DataMessage.Types.OpenGroupInvitation { Url = "https://c/r?public_key=00", Name = "room" },
                SyncTarget = "05cd",
                BlocksCommunityMessageRequests = false,
            },
            ExpirationType = ProtoContent.Types.ExpirationType.DeleteAfterRead,
            ExpirationTimer = 3600,
            SigTimestamp = 1_700_000_000_000,
        };

        var parsed = ProtoContent.Parser.ParseFrom(content.ToByteArray());

        Assert.Equal(content, parsed);
        Assert.True(parsed.DataMessage.HasBlocksCommunityMessageRequests);
    }
}
