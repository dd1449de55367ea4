using Google.Protobuf;
using Wisp.Client.LocalData;
using Wisp.Protocol.Content;

namespace Wisp.Client.Conversations;

/// <summary>Where an attachment stands on this device.</summary>
public enum AttachmentState
{
    /// <summary>On the file server; not downloaded here.</summary>
    Remote,
    /// <summary>Downloaded, its digest checked, decrypted to <see cref="AttachmentView.SavedPath"/>.</summary>
    Saved,
    /// <summary>A download was refused (<see cref="AttachmentView.LastError"/> says why).</summary>
    Failed,
}

/// <summary>One file of a message, as this device knows it. <see cref="Id"/> is <c>MESSAGE:INDEX</c>.</summary>
public sealed record AttachmentView(
    string Id, string MessageId, int Index, string FileName, string ContentType, long Size, AttachmentState State, string? SavedPath, string? LastError);

/// <summary>
/// The attachments of messages (migration 8): Session's pointers, encrypted (they hold the files' keys), in the
/// message's order, with what became of each download.
/// </summary>
internal sealed class AttachmentStore(LocalStore db)
{
    /// <summary>Records the pointers of message <paramref name="messageId"/>, in order.</summary>
    public void Add(string messageId, IReadOnlyList<AttachmentPointer> pointers)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            for (var i = 0; i < pointers.Count; i++)
            {
                var row = $"{messageId}:{i}";
                var name = Path.GetFileName(pointers[i].HasFileName ? pointers[i].FileName : "") is { Length: > 0 } n ? n : "attachment";
                db.Execute("""
                    INSERT INTO attachments (message, idx, pointer, file_name, size) VALUES ($message, $idx, $pointer, $name, $size)
                    ON CONFLICT (message, idx) DO NOTHING
                    """,
                    ("$message", messageId), ("$idx", i), ("$pointer", ClientSchema.AttachmentPointer.Encrypt(db.Key, row, pointers[i].ToByteArray())),
                    ("$name", ClientSchema.AttachmentFileName.EncryptText(db.Key, row, name)), ("$size", (long)pointers[i].Size));
            }
            transaction.Commit();
        }
    }

    /// <summary>The attachments of message <paramref name="messageId"/>, in order.</summary>
    public IReadOnlyList<AttachmentView> ForMessage(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return Read("WHERE message = $message ORDER BY idx", ("$message", messageId)).Select(r => r.View).ToList();
    }

    /// <summary>The attachment <c>MESSAGE:INDEX</c> and its pointer; null when there is none.</summary>
    public (AttachmentView View, AttachmentPointer Pointer)? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(id.AsSpan(colon + 1), out var index))
            return null;
        var rows = Read("WHERE message = $message AND idx = $idx", ("$message", id[..colon]), ("$idx", index));
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>Records a download's end: saved at <paramref name="savedPath"/>, or failed with <paramref name="error"/>.</summary>
    public void SetOutcome(string messageId, int index, string? savedPath, string? error)
    {
        var row = $"{messageId}:{index}";
        lock (db.Gate)
        {
            db.Execute("UPDATE attachments SET state = $state, saved_path = $path, last_error = $error WHERE message = $message AND idx = $idx",
                ("$state", savedPath is not null ? "saved" : "failed"),
                ("$path", savedPath is null ? null : ClientSchema.AttachmentSavedPath.EncryptText(db.Key, row, savedPath)),
                ("$error", error), ("$message", messageId), ("$idx", index));
        }
    }

    private List<(AttachmentView View, AttachmentPointer Pointer)> Read(string where, params (string, object?)[] parameters)
    {
        lock (db.Gate)
        {
            var rows = new List<(AttachmentView, AttachmentPointer)>();
            using var command = db.Command($"SELECT message, idx, pointer, file_name, size, state, saved_path, last_error FROM attachments {where}", parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var message = reader.GetString(0);
                var index = reader.GetInt32(1);
                var row = $"{message}:{index}";
                if (!ClientSchema.AttachmentPointer.TryDecrypt(db.Key, row, (byte[])reader.GetValue(2), out var pointerBytes)
                    || !ClientSchema.AttachmentFileName.TryDecryptText(db.Key, row, (byte[])reader.GetValue(3), out var name))
                    continue;
                var pointer = AttachmentPointer.Parser.ParseFrom(pointerBytes);
                string? saved = !reader.IsDBNull(6) && ClientSchema.AttachmentSavedPath.TryDecryptText(db.Key, row, (byte[])reader.GetValue(6), out var p) ? p : null;
                var state = reader.GetString(5) switch { "saved" => AttachmentState.Saved, "failed" => AttachmentState.Failed, _ => AttachmentState.Remote };
                rows.Add((new AttachmentView(row, message, index, name, pointer.HasContentType ? pointer.ContentType : "application/octet-stream",
                    reader.GetInt64(4), state, saved, reader.IsDBNull(7) ? null : reader.GetString(7)), pointer));
            }
            return rows;
        }
    }
}
