using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Front;

/// <summary>
/// The local history as a whole: full-text search over it (SQLite FTS5 over keyed hashes of words, so no word is on
/// disk in the clear; see <see cref="SearchIndex"/>) and an export of every conversation and message as JSON.
/// </summary>
public sealed class ClientArchive
{
    private readonly AccountData _data;
    private readonly SearchIndex _index;
    private readonly AccountId _account;
    private readonly Func<long> _now;

    internal ClientArchive(AccountData data, AccountId account, Func<long> now)
    {
        _data = data;
        _index = new SearchIndex(data.Local);
        _account = account;
        _now = now;
    }

    /// <summary>Most words a search may name (16).</summary>
    public const int MaxSearchWords = SearchIndex.MaxQueryWords;

    /// <summary>
    /// Messages holding every word of <paramref name="text"/> (whole words, ignoring case), latest first, at most
    /// <paramref name="limit"/>, only with <paramref name="peer"/> when given. Empty when the text has no words.
    /// </summary>
    public IReadOnlyList<MessageView> Search(string text, AccountId? peer = null, int limit = 50) => _index.Search(text, peer, limit);

    /// <summary>Whether <paramref name="text"/> holds a word a search can look for.</summary>
    public static bool HasWords(string text) => SearchIndex.Words(text ?? "").Any();

    /// <summary>
    /// Writes every conversation and its messages to <paramref name="path"/> as JSON (snake_case), atomically and
    /// readable by its owner only (0600): a new file beside it is renamed over it once complete. Progress is reported
    /// after each conversation. Returns what was written.
    /// </summary>
    public Task<ExportSummary> ExportAsync(string path, IProgress<ExportSummary>? progress, CancellationToken cancellationToken) =>
        ExportWriter.WriteAsync(_data, _account, _now(), path, progress, cancellationToken);
}

/// <summary>How far an export has come, or what it wrote.</summary>
/// <param name="Conversations">Conversations written so far.</param>
/// <param name="TotalConversations">Conversations to write in all.</param>
/// <param name="Messages">Messages written so far.</param>
public sealed record ExportSummary(int Conversations, int TotalConversations, long Messages);
