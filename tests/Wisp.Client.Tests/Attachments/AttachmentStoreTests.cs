using System.Text;
using Google.Protobuf;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Tests.Attachments;

/// <summary>Migration 8's tables through their stores: attachments of messages and profile pictures, encrypted at rest.</summary>
public sealed class AttachmentStoreTests : IDisposable
{
    private const long Now = 1_750_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-attachments-").FullName;
    private readonly ClientDatabase _database;
    private readonly DataKey _key = DataKey.Generate();
    private readonly AccountData _store;
    private readonly AccountId _bob = Ed25519KeyPair.Generate().AccountId;

    public AttachmentStoreTests()
    {
        _database = ClientDatabase.Open(Path.Combine(_directory, "client.db"));
        _store = new AccountData(_database, _key);
    }

    public void Dispose()
    {
        _database.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static AttachmentPointer Pointer(string name, uint size) => new()
    {
        Id = 0,
        FileName = name,
        Size = size,
        ContentType = "image/png",
        Key = ByteString.CopyFrom(RandomBytes.Get(32)),
        Digest = ByteString.CopyFrom(RandomBytes.Get(32)),
        Url = "http://127.0.0.1:1/chunk/ab#p=cd",
    };

    private string IncomingMessage()
    {
        var (_, message) = _store.Messages.AddIncoming("hash1", _bob, MessageKind.Text, "[file] a", Now, Now, null, Now + 1000);
        return message!.Id;
    }

    [Fact]
    public void A_messages_files_read_back_in_order_and_a_download_outcome_is_kept()
    {
        var id = IncomingMessage();
        var first = Pointer("holiday.png", 1234);
        _store.Attachments.Add(id, [first, Pointer("../../etc/passwd", 5)]);

        var files = _store.Attachments.ForMessage(id);
        Assert.Equal([$"{id}:0", $"{id}:1"], files.Select(f => f.Id));
        Assert.Equal(["holiday.png", "passwd"], files.Select(f => f.FileName));
        Assert.All(files, f => Assert.Equal(AttachmentState.Remote, f.State));
        Assert.Equal(first.Key, _store.Attachments.Find($"{id}:0")!.Value.Pointer.Key);
        Assert.Null(_store.Attachments.Find($"{id}:2"));
        Assert.Null(_store.Attachments.Find("no-colon"));

        _store.Attachments.SetOutcome(id, 0, "/downloads/holiday.png", null);
        _store.Attachments.SetOutcome(id, 1, null, "the file's digest is not the one in the message: refused");
        Assert.Equal((AttachmentState.Saved, "/downloads/holiday.png"), (_store.Attachments.Find($"{id}:0")!.Value.View.State, _store.Attachments.Find($"{id}:0")!.Value.View.SavedPath));
        Assert.Equal(AttachmentState.Failed, _store.Attachments.Find($"{id}:1")!.Value.View.State);
    }

    [Fact]
    public void Pointers_and_names_are_not_readable_in_the_database_file()
    {
        var id = IncomingMessage();
        var pointer = Pointer("secret-plans.pdf", 99);
        _store.Attachments.Add(id, [pointer]);
        _store.ProfilePictures.Set(_bob, "http://127.0.0.1:1/file/visible-url", RandomBytes.Get(32), Now);
        _database.Connection.Close();
        var bytes = File.ReadAllBytes(Path.Combine(_directory, "client.db")) is var main && File.Exists(Path.Combine(_directory, "client.db-wal"))
            ? [.. main, .. File.ReadAllBytes(Path.Combine(_directory, "client.db-wal"))]
            : main;
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain("secret-plans", text, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-url", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoding.Latin1.GetString(pointer.Key.ToByteArray()), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peers_picture_is_kept_only_when_well_formed_and_replaced_when_it_changes()
    {
        _store.ProfilePictures.Received(_bob, "http://127.0.0.1:1/file/x", RandomBytes.Get(31), Now);
        _store.ProfilePictures.Received(_bob, "not a url", RandomBytes.Get(32), Now);
        Assert.Null(_store.ProfilePictures.Get(_bob));

        var key = RandomBytes.Get(32);
        _store.ProfilePictures.Received(_bob, "http://127.0.0.1:1/file/x", key, Now);
        var kept = _store.ProfilePictures.Get(_bob)!.Value;
        Assert.Equal("http://127.0.0.1:1/file/x", kept.Url);
        Assert.Equal(key, kept.Key);
        var newer = RandomBytes.Get(32);
        _store.ProfilePictures.Received(_bob, "http://127.0.0.1:1/file/y", newer, Now + 1);
        kept = _store.ProfilePictures.Get(_bob)!.Value;
        Assert.Equal("http://127.0.0.1:1/file/y", kept.Url);
        Assert.Equal(newer, kept.Key);
    }
}
