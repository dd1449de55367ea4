using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wisp.Client.LocalData;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// Full-text search over the local history with SQLite FTS5, without words in the clear on disk: the index holds, for
/// each message, a keyed hash of each distinct normalized word of its body (<c>message_search</c>, schema migration 4).
/// A search hashes its words the same way and asks FTS5 for messages holding all of them. The hash key is derived from
/// the data key, so the index is useless without the passphrase. What it gives away to someone holding the file: which
/// messages share a word (not which word) and how many distinct words each has. What it cannot do: prefixes or
/// spelling variants; a word matches whole, ignoring case and Unicode compatibility forms.
/// </summary>
internal sealed class SearchIndex(LocalStore db)
{
    /// <summary>Messages indexed per batch, so a first search over a long history does not hold the lock for long.</summary>
    private const int Batch = 500;

    /// <summary>Words longer than this are cut: a word is something to type, and this caps a row's size.</summary>
    public const int MaxWordLength = 64;

    /// <summary>Most words a search may name.</summary>
    public const int MaxQueryWords = 16;

    private const int HashBytes = 16;

    /// <summary>
    /// Messages holding every word of <paramref name="text"/>, latest first, at most <paramref name="limit"/>, only with
    /// <paramref name="peer"/> when given. Indexes messages not yet indexed first.
    /// </summary>
    public IReadOnlyList<MessageView> Search(string text, AccountId? peer, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var words = Words(text).Take(MaxQueryWords).ToList();
        if (words.Count == 0)
            return [];
        var key = SearchKey();
        try
        {
            IndexPending(key);
            var match = string.Join(" AND ", words.Select(w => Hash(key, w)));
            lock (db.Gate)
            {
                using var command = db.Command($"""
                    SELECT {MessageRows.Columns} FROM {MessageRows.From}
                    WHERE m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH $match)
                      AND ($peer IS NULL OR c.peer = $peer)
                    ORDER BY m.sent_at DESC, m.rowid DESC LIMIT $limit
                    """, ("$match", match), ("$peer", peer?.Hex), ("$limit", limit));
                return MessageRows.ReadAll(command, db.Key);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Indexes every message not yet in the index; returns how many it indexed.</summary>
    public int IndexPending() => WithKey(IndexPending);

    /// <summary>The distinct normalized words of <paramref name="text"/>, in order of first appearance.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (word.Length < MaxWordLength)
                    word.Append(rune.ToString());
                continue;
            }
            if (word.Length > 0 && seen.Add(word.ToString()))
                yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0 && seen.Add(word.ToString()))
            yield return word.ToString();
    }

    private int IndexPending(byte[] key)
    {
        var total = 0;
        while (true)
        {
            lock (db.Gate)
            {
                var rows = new List<(long RowId, string Id, byte[] Body)>();
                using (var command = db.Command("""
                    SELECT m.rowid, m.id, m.body FROM messages m
                    WHERE NOT EXISTS (SELECT 1 FROM message_search s WHERE s.rowid = m.rowid) LIMIT $batch
                    """, ("$batch", Batch)))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                        rows.Add((reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
                }
                if (rows.Count == 0)
                    return total;
                using var transaction = db.Begin();
                foreach (var (rowId, id, body) in rows)
                {
                    // A damaged body is indexed as holding no words, so it is not read again on every search.
                    var words = ClientSchema.MessageBody.TryDecryptText(db.Key, id, body, out var plain) ? Words(plain) : [];
                    db.Execute("INSERT INTO message_search (rowid, tokens) VALUES ($rowid, $tokens)",
                        ("$rowid", rowId), ("$tokens", string.Join(' ', words.Select(w => Hash(key, w)))));
                }
                transaction.Commit();
                total += rows.Count;
            }
        }
    }

    private int WithKey(Func<byte[], int> action)
    {
        var key = SearchKey();
        try
        {
            return action(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // A key of its own, so the index's hashes say nothing about the data key and the data key's other uses.
    private byte[] SearchKey() => Blake2b.Hash("wisp/message_search/v1"u8, 32, db.Key.Span);

    // Hex is one token to FTS5's ascii tokenizer and needs no quoting in a MATCH expression.
    private static string Hash(byte[] key, string word) => Convert.ToHexStringLower(Blake2b.Hash(Encoding.UTF8.GetBytes(word), HashBytes, key));
}
