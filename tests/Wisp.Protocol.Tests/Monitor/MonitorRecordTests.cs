using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Monitor;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Tests.Monitor;

public sealed class MonitorRecordTests
{
    [Fact]
    public void The_signed_string_is_Sessions_MONITOR_account_timestamp_data_flag_and_namespaces()
    {
        var account = "05" + new string('a', 64);

        var signed = MonitorSubscribeRequest.SignedBytes(account, 1_700_000_000, wantData: true, [-400, 0, 2]);

        Assert.Equal("MONITOR05" + new string('a', 64) + "17000000001-400,0,2", System.Text.Encoding.ASCII.GetString(signed));
    }

    [Fact]
    public void A_signed_Session_ID_subscription_reads_back_and_verifies_with_its_P_key()
    {
        using var alice = Ed25519KeyPair.Generate();
        var request = MonitorSubscribeRequest.Sign(alice, [0, 5], wantData: true, 1_700_000_000);

        var read = MonitorSubscribeRequest.Read(BencodeReader.Decode(BencodeWriter.Encode(request.ToBencode())).Value);

        var parsed = Assert.IsType<MonitorSubscribeRequest>(read.Request);
        var account = parsed.ResolveAccount(out _)!;
        Assert.Equal(alice.AccountId.Hex, account.Hex);
        Assert.Equal([0, 5], parsed.Namespaces);
        Assert.Equal((true, 1_700_000_000L), (parsed.WantData, parsed.SignatureTimestamp));
        Assert.True(Ed25519.Verify(parsed.OwnerKey(), parsed.SignedBytes(account), parsed.Signature));
    }

    [Fact]
    public void A_group_subscription_with_a_subaccount_keeps_p_S_and_T()
    {
        using var group = Ed25519KeyPair.Generate();
        using var member = Ed25519KeyPair.Generate();
        var account = StoragePubkey.FromBytes([0x03, .. group.PublicKey.Span]);
        var token = SubaccountToken.Create(0x03, SubaccountAccess.Read, member.PublicKey.Span);
        var request = MonitorSubscribeRequest.Sign(member, [11], wantData: false, 1_700_000_000, account)
            with
        { Subaccount = new SignedSubaccount(token, Ed25519.Sign(group, token.Bytes)) };

        var parsed = MonitorSubscribeRequest.Read(BencodeReader.Decode(BencodeWriter.Encode(request.ToBencode())).Value).Request!;

        Assert.Equal(account.Hex, parsed.ResolveAccount(out _)!.Hex);
        Assert.Equal(token, parsed.Subaccount!.Token);
        Assert.True(Ed25519.Verify(member.PublicKey, parsed.SignedBytes(account), parsed.Signature));
    }

    [Theory]
    [InlineData("d1:nli0eee", MonitorResponseCode.BadArgs, "Invalid arguments: Either p= or P= must be given")]
    [InlineData("d1:P3:abc1:nli0eee", MonitorResponseCode.BadPubkey, "Provided P= Session Ed25519 pubkey must be 32 bytes")]
    [InlineData("d1:nli1ei1ee1:p33:012345678901234567890123456789012e", MonitorResponseCode.BadNamespace, "Invalid n= namespace list: namespaces must be ascending")]
    [InlineData("d1:nli0ee1:p33:0123456789012345678901234567890121:s3:abce", MonitorResponseCode.BadSignature, "Provided s= signature must be 64 bytes")]
    public void Defects_get_Sessions_code_and_text(string bencoded, MonitorResponseCode code, string text)
    {
        var read = MonitorSubscribeRequest.Read(BencodeReader.Decode(System.Text.Encoding.ASCII.GetBytes(bencoded)).Value);

        Assert.Equal((code, text), (read.Error!.Code!.Value, read.Error.Error!));
    }

    [Fact]
    public void A_notification_starts_with_the_account_key_and_reads_back_with_its_cursor()
    {
        var notification = new MonitorNotification(new byte[33], 42, "hash", -10, 1_700_000_000_000, 1_700_000_360_000, "data"u8.ToArray());

        var bytes = notification.Encode();
        var frame = MonitorFrame.Read(bytes);

        Assert.StartsWith("d1:@33:", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(MonitorFrameKind.Notification, frame.Kind);
        Assert.Equal((42L, "hash", -10), (frame.Notification!.Cursor, frame.Notification.Hash, frame.Notification.Namespace));
        Assert.Equal("data"u8.ToArray(), frame.Notification.Data!.Value.ToArray());
    }

    [Fact]
    public void Frames_from_the_node_are_told_apart_by_shape()
    {
        var hello = MonitorFrame.Read(new MonitorHello(7, "ab").Encode());
        var list = MonitorFrame.Read(BencodeWriter.Encode(MonitorReply.ToBencode([MonitorReply.Success, MonitorReply.Failure(MonitorResponseCode.BadSignature, "no")], asList: true)));
        var resume = MonitorFrame.Read(new MonitorResumeReply(9, 2, null, [MonitorReply.Success], false).Encode());

        Assert.Equal((MonitorFrameKind.Hello, 7L), (hello.Kind, hello.Hello!.Cursor));
        Assert.Equal(MonitorFrameKind.SubscribeReply, list.Kind);
        Assert.Equal([null, MonitorResponseCode.BadSignature], list.Replies!.Select(r => r.Code));
        Assert.Equal((MonitorFrameKind.ResumeReply, 2), (resume.Kind, resume.ResumeReply!.Replayed));
    }
}
