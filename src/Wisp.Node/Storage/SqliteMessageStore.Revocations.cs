namespace Wisp.Node.Storage;

/// <summary>The subaccount revocation list: written through the group-commit writer, read on pooled readers.</summary>
public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task RevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, long nowMs, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(new RevocationOperations.Revoke(owner, tokens, nowMs), cancellationToken);

    /// <inheritdoc />
    public Task<int> UnrevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(new RevocationOperations.Unrevoke(owner, tokens), cancellationToken);

    /// <inheritdoc />
    public Task<long?> SubaccountRevokedAtAsync(string owner, byte[] token, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _readers.Rent();
        var select = connection.Command(
            "SELECT timestamp FROM revoked_subaccounts WHERE owner = $owner AND token = $token", "$owner", "$token");
        select.Parameters[0].Value = owner;
        select.Parameters[1].Value = token;
        return Task.FromResult(select.ExecuteScalar() is long revokedAt ? revokedAt : (long?)null);
    }
}
