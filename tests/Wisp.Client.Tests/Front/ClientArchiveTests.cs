using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Front;

/// <summary>Search over the keyed-hash FTS5 index, and the JSON export, through the front door.</summary>
public sealed class ClientArchiveTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private static readonly AccountId Bob = Ed25519KeyPair.Generate().AccountId;
    private static readonly AccountId Carol = Ed25519KeyPair.Generate().AccountId;
    private readonly TempHome _home = new();
    private readonly WispClient _client;

    public ClientArchiveTests()
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse("alice"), passphrase: null).TryGet(out var created, out var error), error?.Message);
        _client = WispClient.Over(created.Account, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_bundled_sqlite_has_fts5()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_compileoption_used('ENABLE_FTS5')";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void Search_finds_whole_words_ignoring_case_and_every_word_must_appear()
    {
        Receive(Bob, "Lunch at the Café tomorrow?", 1);
        Receive(Bob, "the cafe was closed", 2);
        Receive(Carol, "CAFÉ again, tomorrow", 3);
        _client.Conversations.Send(Bob, "see you tomorrow", null, out _);

        Assert.Equal(["CAFÉ again, tomorrow", "Lunch at the Café tomorrow?"], Bodies(_client.Archive.Search("café")));
        Assert.Equal(["see you tomorrow", "CAFÉ again, tomorrow", "Lunch at the Café tomorrow?"], Bodies(_client.Archive.Search("TOMORROW")).Take(3));
        Assert.Equal(["Lunch at the Café tomorrow?"], Bodies(_client.Archive.Search("café tomorrow", Bob)));
        Assert.Empty(_client.Archive.Search("caf"));          // whole words only
        Assert.Empty(_client.Archive.Search("café closed"));  // both words in one message
        Assert.Empty(_client.Archive.Search("?!"));
    }

    [Fact]
    public void The_index_on_disk_holds_no_word_in_the_clear_and_forgets_deleted_messages()
    {
        Receive(Bob, "zebrastripes are secret", 1);
        Assert.Single(_client.Archive.Search("zebrastripes"));

        var path = Path.Combine(_home.Home.ProfileDirectory(ProfileName.Parse("alice")), "client.db");
        _client.Data.Local.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("zebrastripes")));

        _client.Conversations.Decline(Bob); // declining deletes the request's messages
        Assert.Empty(_client.Archive.Search("zebrastripes"));
        Assert.Equal(0L, _client.Data.Local.Scalar("SELECT COUNT(*) FROM message_search"));
    }

    [Fact]
    public async Task Export_writes_every_conversation_and_message_as_snake_case_json_readable_only_by_its_owner()
    {
        Receive(Bob, "hi from bob", 1);
        Receive(Carol, "hi from carol", 2);
        _client.Conversations.Send(Carol, "hi carol", null, out _); // replying accepts Carol's request
        var progress = new List<ExportSummaryStep>();
        var path = Path.Combine(_home.Root, "export.json");
        File.WriteAllText(path, "an older export");

        var summary = await _client.Archive.ExportAsync(path, new Steps(progress), Token);

        Assert.Equal((2, 2, 3L), (summary.Conversations, summary.TotalConversations, summary.Messages));
        Assert.Equal([1, 2], progress.Select(p => p.Conversations));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_home.Root)); // no temporary file left beside it
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal("wisp-export", root.GetProperty("format").GetString());
        Assert.Equal(_client.AccountId.Hex, root.GetProperty("account_id").GetString());
        var conversations = root.GetProperty("conversations").EnumerateArray().ToDictionary(c => c.GetProperty("peer").GetString()!);
        Assert.Equal("request", conversations[Bob.Hex].GetProperty("state").GetString());
        Assert.Equal("accepted", conversations[Carol.Hex].GetProperty("state").GetString());
        var messages = conversations[Carol.Hex].GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["hi from carol", "hi carol"], messages.Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(["in", "out"], messages.Select(m => m.GetProperty("direction").GetString()));
        Assert.Equal("sending", messages[1].GetProperty("delivery").GetString());
        Assert.Equal(JsonValueKind.Null, messages[0].GetProperty("delivery").ValueKind);
    }

    private void Receive(AccountId from, string text, int n) =>
        _client.Data.Messages.AddIncoming($"hash-{from.Hex[..8]}-{n}", from, MessageKind.Text, text, Start + n, Start + n, null, Start + 100_000_000);

    private static List<string> Bodies(IEnumerable<MessageView> messages) => [.. messages.Select(m => m.Body)];

    private sealed record ExportSummaryStep(int Conversations);

    private sealed class Steps(List<ExportSummaryStep> steps) : IProgress<Wisp.Client.Front.ExportSummary>
    {
        public void Report(Wisp.Client.Front.ExportSummary value) => steps.Add(new ExportSummaryStep(value.Conversations));
    }
}
