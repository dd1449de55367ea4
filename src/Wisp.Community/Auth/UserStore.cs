using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Auth;

/// <summary>The <c>users</c> table: a row per ID that ever signed a request (pysogs's autovivify), and its flags.</summary>
internal sealed class UserStore(CommunityDatabase database, TimeProvider time)
{
    private const string Columns = "id, session_id, banned, moderator, admin, visible_mod";

    /// <summary>The user with <paramref name="sessionId"/>, made when unknown.</summary>
    public async Task<CommunityUser> GetOrCreateAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await FindAsync(sessionId, cancellationToken) is { } known)
            return known;
        var now = Now();
        return await database.WriteAsync(async (_, transaction) =>
        {
            await using (var insert = transaction.Command(
                "INSERT INTO users (session_id, created, last_active) VALUES ($id, $now, $now) ON CONFLICT (session_id) DO NOTHING",
                ("$id", sessionId), ("$now", now)))
                await insert.ExecuteNonQueryAsync(cancellationToken);
            await using var select = transaction.Command($"SELECT {Columns} FROM users WHERE session_id = $id", ("$id", sessionId));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return Read(reader);
        }, cancellationToken);
    }

    /// <summary>The user with <paramref name="sessionId"/>, or null.</summary>
    public async Task<CommunityUser?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command($"SELECT {Columns} FROM users WHERE session_id = $id", ("$id", sessionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Records that the user was active now (pysogs's <c>touch</c>).</summary>
    public async Task TouchAsync(CommunityUser user, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command("UPDATE users SET last_active = $now WHERE id = $id", ("$now", Now()), ("$id", user.Id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Remembers <paramref name="nonce"/> for <paramref name="user"/>; false when it was used before.</summary>
    public async Task<bool> TryUseNonceAsync(CommunityUser user, byte[] nonce, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command(
            "INSERT INTO user_request_nonces (\"user\", nonce, expiry) VALUES ($user, $nonce, $expiry) ON CONFLICT (nonce) DO NOTHING",
            ("$user", user.Id), ("$nonce", nonce), ("$expiry", Now() + Limits.NonceMemorySeconds));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Forgets nonces past their expiry; returns how many.</summary>
    public async Task<int> ForgetExpiredNoncesAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command("DELETE FROM user_request_nonces WHERE expiry < $now", ("$now", Now()));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    internal static CommunityUser Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
}
