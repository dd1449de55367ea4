using Wisp.Node.Admission;

namespace Wisp.Node.Storage;

/// <summary>
/// The owner's deletes and expires, run as a queue of bounded pieces (<see cref="Limits.MaxRowsPerWrite"/> rows each),
/// every piece its own turn of the single writer: a store queued behind a delete of 1,000 hashes or a delete_all over a
/// large account waits for one piece, never for the whole request. The next piece is queued as soon as one has run, so
/// pieces share the fsyncs of the stores between them; the answer waits until the last has committed and been synced
/// (and with it every piece before). Each piece is atomic; the request as a whole is
/// not, which no client can tell from a request that ran a moment earlier or later (deletes and expiry changes can be
/// repeated). Messages stored after the request began are out of its range (see <see cref="IdWindow"/>).
/// </summary>
/// <remarks>
/// Once begun, a request runs to its end even if its caller stops waiting, as a single operation would once queued:
/// the caller's token ends the wait, not the work.
/// </remarks>
public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DeleteAsync(string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        return DeleteInPiecesAsync(owner, hashes).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NamespacedHash>> DeleteAllAsync(string owner, int? @namespace, CancellationToken cancellationToken) =>
        InWindowsAsync(owner, @namespace, (ns, window) => new WriteOperations.DeleteWhere(owner, ns, beforeMs: null, window))
            .WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NamespacedHash>> DeleteBeforeAsync(string owner, int? @namespace, long beforeMs, CancellationToken cancellationToken) =>
        InWindowsAsync(owner, @namespace, (ns, window) => new WriteOperations.DeleteWhere(owner, ns, beforeMs, window))
            .WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, ExpiryChange>> ExpireAsync(
        string owner, IReadOnlyList<ExpiryTarget> targets, ExpireMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return ExpireInPiecesAsync(owner, targets, mode).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NamespacedHash>> ExpireAllAsync(string owner, int? @namespace, long expiryMs, CancellationToken cancellationToken) =>
        InWindowsAsync(owner, @namespace, (ns, window) => new WriteOperations.ExpireAll(owner, ns, expiryMs, window))
            .WaitAsync(cancellationToken);

    private async Task<IReadOnlyList<string>> DeleteInPiecesAsync(string owner, IReadOnlyCollection<string> hashes)
    {
        var pieces = new List<Task<IReadOnlyList<string>>>();
        foreach (var hashesOfPiece in hashes.Distinct(StringComparer.Ordinal).Chunk(Limits.MaxRowsPerWrite))
        {
            var piece = new WriteOperations.Delete(owner, hashesOfPiece);
            await _writer.EnqueuePieceAsync(piece).ConfigureAwait(false);
            pieces.Add(piece.Task);
        }
        // Pieces hold different hashes, so their results never overlap.
        var deleted = (await Task.WhenAll(pieces).ConfigureAwait(false)).SelectMany(piece => piece).ToList();
        deleted.Sort(StringComparer.Ordinal);
        return deleted;
    }

    private async Task<IReadOnlyDictionary<string, ExpiryChange>> ExpireInPiecesAsync(string owner, IReadOnlyList<ExpiryTarget> targets, ExpireMode mode)
    {
        var pieces = new List<Task<IReadOnlyDictionary<string, ExpiryChange>>>();
        foreach (var targetsOfPiece in targets.Chunk(Limits.MaxRowsPerWrite))
        {
            var piece = new WriteOperations.Expire(owner, targetsOfPiece, mode);
            await _writer.EnqueuePieceAsync(piece).ConfigureAwait(false);
            pieces.Add(piece.Task);
        }
        var changes = new Dictionary<string, ExpiryChange>(StringComparer.Ordinal);
        // In request order, so a hash named twice ends as one operation over the whole list would leave it.
        foreach (var done in await Task.WhenAll(pieces).ConfigureAwait(false))
            foreach (var (hash, change) in done) changes[hash] = change;
        return changes;
    }

    /// <summary>
    /// Runs <paramref name="piece"/> over every window of the owner's messages (one namespace, or each it has) up to
    /// the store's last id now; returns everything the pieces changed, sorted by hash.
    /// </summary>
    private async Task<IReadOnlyList<NamespacedHash>> InWindowsAsync(
        string owner, int? @namespace, Func<int, IdWindow, WriteOperation<WindowResult>> piece)
    {
        ArgumentNullException.ThrowIfNull(owner);
        // Read before the first piece is queued: what was committed when the request arrived is its whole range.
        var ceiling = LastCommittedId();
        var pieces = new List<Task<WindowResult>>();
        foreach (var ns in @namespace is { } one ? [one] : NamespacesOf(owner))
        {
            IdWindow? window = new IdWindow(0, ceiling, Limits.MaxRowsPerWrite);
            while (window is { } current)
            {
                var operation = piece(ns, current);
                window = (await _writer.EnqueuePieceAsync(operation).ConfigureAwait(false)).Next;
                pieces.Add(operation.Task);
            }
        }
        var changed = (await Task.WhenAll(pieces).ConfigureAwait(false)).SelectMany(result => result.Changed).ToList();
        changed.Sort((a, b) => string.CompareOrdinal(a.Hash, b.Hash));
        return changed;
    }

    private long LastCommittedId()
    {
        using var connection = _readers.Rent();
        var select = connection.Command("SELECT coalesce(max(id), 0) FROM messages");
        return (long)select.ExecuteScalar()!;
    }

    private List<int> NamespacesOf(string owner)
    {
        using var connection = _readers.Rent();
        var select = connection.Command("SELECT DISTINCT namespace FROM messages WHERE owner = $owner", "$owner");
        select.Parameters[0].Value = owner;
        var namespaces = new List<int>();
        using var reader = select.ExecuteReader();
        while (reader.Read()) namespaces.Add(reader.GetInt32(0));
        return namespaces;
    }
}
