using Wisp.Client.Attachments;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// Files on direct sessions in memory: a file goes direct and arrives byte for byte; a peer that stops acking sends it
/// to the file server instead, once; and the receiver bounds what the peer controls (size, transfers at once, chunk
/// order, digest), keeping nothing it refused.
/// </summary>
public sealed class DirectFilesTests : IAsyncDisposable
{
    private readonly DirectClients _clients = new();
    private readonly InMemoryFileServer _server = new();

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_sent_to_a_contact_with_a_live_session_goes_direct_and_arrives_byte_for_byte()
    {
        var (alice, bob) = await PairAsync();
        var (path, bytes) = SourceFile("photo.bin", (5 * DirectLimits.FileChunkBytes) + 1234); // six chunks of ciphertext, the last one short

        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [path], "look", null, Token);
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.True(sent.Ok, sent.Error);
        var upload = Assert.Single(sent.Uploads);
        Assert.Equal(MessagePath.Direct, upload.Via);
        Assert.StartsWith("wisp-direct:", upload.Attachment!.Url, StringComparison.Ordinal);
        Assert.Equal(0, _server.Puts);
        Assert.Equal(MessagePath.Direct, alice.Direct.FilePathOf(upload.Attachment.Digest));
        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(sent.Message!.Id));
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        var file = Assert.Single(bob.Attachments.ForMessage(received.Id));
        Assert.Equal(MessagePath.Direct, bob.Attachments.ViaOf(file.Id));
        Assert.True(File.Exists(DirectFileInbox.PathOf(bob.Direct.FilesDirectory, upload.Attachment.Digest)));

        var got = await bob.Attachments.DownloadAsync(file.Id, Out(), null, Token);

        Assert.True(got.Ok, got.Error);
        Assert.Equal(MessagePath.Direct, got.Via);
        Assert.Equal(bytes, File.ReadAllBytes(got.Path!));
        Assert.Equal(0, bob.Direct.FileInbox!.Active);
    }

    [Fact]
    public async Task A_contact_that_stops_acking_gets_the_file_through_the_file_server_once()
    {
        var (alice, bob) = await PairAsync();
        alice.Direct.FileAckTimeout = TimeSpan.FromMilliseconds(300);
        alice.Direct.AckTimeout = TimeSpan.FromMilliseconds(300);
        Assert.Single(_clients.Network.Links).Other.Deaf = true; // bob's side hears nothing more, so acks nothing
        var (path, bytes) = SourceFile("notes.txt", 3 * DirectLimits.FileChunkBytes);

        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [path], null, null, Token);
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.True(sent.Ok, sent.Error);
        var upload = Assert.Single(sent.Uploads);
        Assert.Null(upload.Via);
        Assert.DoesNotContain("wisp-direct:", upload.Attachment!.Url, StringComparison.Ordinal);
        Assert.True(_server.Puts >= 2); // the chunk and the manifest
        Assert.Null(alice.Direct.FilePathOf(upload.Attachment.Digest));
        Assert.Equal(DeliveryState.Sent, alice.Outbox.Find(sent.Message!.Id)!.Delivery);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token); // a second look finds no second copy
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        var file = Assert.Single(bob.Attachments.ForMessage(received.Id));
        Assert.Null(bob.Attachments.ViaOf(file.Id));

        var got = await bob.Attachments.DownloadAsync(file.Id, Out(), null, Token);

        Assert.True(got.Ok, got.Error);
        Assert.Null(got.Via);
        Assert.Equal(bytes, File.ReadAllBytes(got.Path!));
        Assert.Empty(Directory.Exists(bob.Direct.FilesDirectory) ? Directory.GetFiles(bob.Direct.FilesDirectory) : []);
    }

    [Fact]
    public async Task A_wisp_direct_pointer_whose_file_is_not_on_this_device_is_a_clear_error()
    {
        var (alice, bob) = await PairAsync();
        var (path, _) = SourceFile("gone.bin", 1000);
        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [path], null, null, Token);
        await alice.OutboxRunner.SendDueAsync(Token);
        var file = Assert.Single(bob.Attachments.ForMessage(Assert.Single(bob.Conversations.History(alice.AccountId)).Id));
        File.Delete(DirectFileInbox.PathOf(bob.Direct.FilesDirectory, sent.Uploads[0].Attachment!.Digest));

        var got = await bob.Attachments.DownloadAsync(file.Id, Out(), null, Token);

        Assert.False(got.Ok);
        Assert.Contains("not on this device", got.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receiver_refuses_an_offer_larger_than_an_attachment_may_be()
    {
        var (inbox, session, peerEnd, directory) = await InboxAsync();

        await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(1), DirectLimits.MaxFileBytes + 1, new byte[32]), Token);

        Assert.Equal(FileAckState.Refused, (await AckAsync(peerEnd)).AckState);
        Assert.Equal(0, inbox.Active);
        Assert.Empty(Files(directory));
    }

    [Fact]
    public async Task The_receiver_takes_four_files_at_once_from_a_contact_and_refuses_a_fifth()
    {
        var (inbox, session, peerEnd, _) = await InboxAsync();
        for (byte i = 1; i <= DirectLimits.MaxFileTransfersPerPeer; i++)
            await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(i), 1000, new byte[32]), Token);
        Assert.Equal(DirectLimits.MaxFileTransfersPerPeer, inbox.Active);

        await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(9), 1000, new byte[32]), Token);

        var refusal = await AckAsync(peerEnd); // the four taken were not answered: offers are acked only when refused
        Assert.Equal(FileAckState.Refused, refusal.AckState);
        Assert.Equal(Id(9), refusal.TransferId);
        Assert.Equal(DirectLimits.MaxFileTransfersPerPeer, inbox.Active);
    }

    [Fact]
    public async Task The_receiver_refuses_a_chunk_out_of_order_and_keeps_nothing()
    {
        var (inbox, session, peerEnd, directory) = await InboxAsync();
        var ciphertext = Random(3 * DirectLimits.FileChunkBytes);
        await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(1), ciphertext.Length, Sha256(ciphertext)), Token);
        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 0, ciphertext.AsMemory(0, DirectLimits.FileChunkBytes)), Token);
        Assert.Equal((1u, FileAckState.Receiving), Read(await AckAsync(peerEnd)));

        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 2, ciphertext.AsMemory(2 * DirectLimits.FileChunkBytes)), Token);

        Assert.Equal((1u, FileAckState.Refused), Read(await AckAsync(peerEnd)));
        Assert.Equal(0, inbox.Active);
        Assert.Empty(Files(directory));
    }

    [Fact]
    public async Task The_receiver_checks_the_digest_at_done_and_keeps_nothing_that_does_not_match()
    {
        var (inbox, session, peerEnd, directory) = await InboxAsync();
        var ciphertext = Random(DirectLimits.FileChunkBytes + 10);
        var digest = Sha256(ciphertext);
        ciphertext[^1] ^= 1; // what arrives is not what was offered
        await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(1), ciphertext.Length, digest), Token);
        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 0, ciphertext.AsMemory(0, DirectLimits.FileChunkBytes)), Token);
        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 1, ciphertext.AsMemory(DirectLimits.FileChunkBytes)), Token);
        Assert.Equal((1u, FileAckState.Receiving), Read(await AckAsync(peerEnd)));
        Assert.Equal((2u, FileAckState.Receiving), Read(await AckAsync(peerEnd)));

        await inbox.TakeAsync(session, DirectFrame.FileDone(Id(1), 2), Token);

        Assert.Equal((2u, FileAckState.Refused), Read(await AckAsync(peerEnd)));
        Assert.Equal(0, inbox.Active);
        Assert.Empty(Files(directory));
        Assert.False(File.Exists(DirectFileInbox.PathOf(directory, digest)));
    }

    [Fact]
    public async Task The_receiver_keeps_a_file_whose_every_chunk_came_in_order_under_its_digest()
    {
        var (inbox, session, peerEnd, directory) = await InboxAsync();
        var ciphertext = Random(DirectLimits.FileChunkBytes + 10);
        var digest = Sha256(ciphertext);
        await inbox.TakeAsync(session, DirectFrame.FileOffer(Id(1), ciphertext.Length, digest), Token);
        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 0, ciphertext.AsMemory(0, DirectLimits.FileChunkBytes)), Token);
        await inbox.TakeAsync(session, DirectFrame.FileChunk(Id(1), 1, ciphertext.AsMemory(DirectLimits.FileChunkBytes)), Token);

        await inbox.TakeAsync(session, DirectFrame.FileDone(Id(1), 2), Token);

        Assert.Equal((1u, FileAckState.Receiving), Read(await AckAsync(peerEnd)));
        Assert.Equal((2u, FileAckState.Receiving), Read(await AckAsync(peerEnd)));
        Assert.Equal((2u, FileAckState.Stored), Read(await AckAsync(peerEnd)));
        Assert.Equal(ciphertext, File.ReadAllBytes(DirectFileInbox.PathOf(directory, digest)));
        Assert.Single(Files(directory));
    }

    private async Task<(WispClient Alice, WispClient Bob)> PairAsync()
    {
        var (alice, bob) = await _clients.PairAsync();
        alice.Attachments.ChannelsOverride = (_server, _server.Address);
        bob.Attachments.ChannelsOverride = (_server, _server.Address);
        return (alice, bob);
    }

    /// <summary>Bob's inbox fed by hand: frames "from alice" on a session whose other end collects bob's acks.</summary>
    private async Task<(DirectFileInbox Inbox, LiveSession Session, InMemoryLink AliceEnd, string Directory)> InboxAsync()
    {
        var (alice, bob) = await _clients.AgreedAsync();
        var directory = Path.Combine(_clients.Home.Root, "direct-inbox");
        var inbox = new DirectFileInbox(directory, bob.Direct.Store, () => DirectClients.Start, DirectLimits.MaxFileBytes);
        var (aliceEnd, bobEnd) = InMemoryLink.Pair(bob.Direct.DeviceKey, alice.Direct.DeviceKey);
        return (inbox, new LiveSession(alice.AccountId, bobEnd, inbound: true), aliceEnd, directory);
    }

    private static async Task<DirectFrame> AckAsync(InMemoryLink end)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10)); // a missing ack fails the test rather than hanging it
        var bytes = await end.ReceiveAsync(timeout.Token);
        var frame = DirectFrame.TryDecode(bytes!.Value, out var error);
        Assert.Null(error);
        Assert.Equal(DirectFrameType.FileAck, frame!.Type);
        return frame;
    }

    private static (uint, FileAckState) Read(DirectFrame ack) => (ack.Seq, ack.AckState);

    private static string[] Files(string directory) => Directory.Exists(directory) ? Directory.GetFiles(directory) : [];

    private static byte[] Id(byte n) => [.. Enumerable.Repeat(n, DirectFrame.TransferIdBytes)];

    private static byte[] Random(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);

    private static byte[] Sha256(byte[] bytes)
    {
        var hasher = new Sha256Hasher();
        hasher.Update(bytes);
        return hasher.Finish();
    }

    private (string Path, byte[] Bytes) SourceFile(string name, int length)
    {
        var bytes = Random(length);
        var directory = Directory.CreateDirectory(Path.Combine(_clients.Home.Root, "sources")).FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }

    private string Out() => Directory.CreateDirectory(Path.Combine(_clients.Home.Root, "out-" + Guid.NewGuid().ToString("N"))).FullName;
}
