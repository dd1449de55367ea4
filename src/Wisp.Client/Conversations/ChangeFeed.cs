namespace Wisp.Client.Conversations;

/// <summary>
/// What changed in the account's messages since a point: every insert and every change of a message's delivery state
/// or read mark bumps a shared counter (triggers of schema migration 3), whichever process made it. Each process
/// follows the feed, so a message sent or received by another process of the same profile shows here too.
/// </summary>
internal sealed class ChangeFeed(LocalStore db)
{
    /// <summary>The latest change number (0 for a database without changes).</summary>
    public long Latest()
    {
        lock (db.Gate)
            return db.Scalar("SELECT value FROM change_counter WHERE id = 1") as long? ?? 0;
    }

    /// <summary>Messages changed after <paramref name="after"/>, in change order, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<MessageView> Since(long after, int limit)
    {
        lock (db.Gate)
        {
            using var command = db.Command(
                $"SELECT {MessageRows.Columns} FROM {MessageRows.From} WHERE m.change > $after ORDER BY m.change LIMIT $limit",
                ("$after", after), ("$limit", limit));
            return MessageRows.ReadAll(command, db.Key);
        }
    }
}
