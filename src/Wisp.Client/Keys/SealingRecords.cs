using Wisp.Client.Conversations;

namespace Wisp.Client.Keys;

/// <summary>Writes how a message was sealed into its row (<c>messages.sealing</c>, migration 10).</summary>
internal static class SealingRecords
{
    /// <summary>Records <paramref name="sealing"/> for message <paramref name="messageId"/>. Call inside the transaction that added it.</summary>
    public static void Record(LocalStore db, string messageId, MessageSealing sealing)
    {
        lock (db.Gate)
            db.Execute("UPDATE messages SET sealing = $sealing WHERE id = $id", ("$sealing", sealing.Text()), ("$id", messageId));
    }
}
