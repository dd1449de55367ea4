namespace Wisp.Node.Storage;

/// <summary>The writes of an owner's subaccount revocation list (semantics: <see cref="IMessageStore"/>).</summary>
internal static class RevocationOperations
{
    /// <summary>Adds tokens, or stamps again the ones already there; the table's trigger keeps the 50 most recent.</summary>
    internal sealed class Revoke(string owner, IReadOnlyList<byte[]> tokens, long nowMs) : WriteOperation<bool>
    {
        protected override bool Run(WriteBatchContext context)
        {
            foreach (var token in tokens)
            {
                var command = context.Command("""
                    INSERT INTO revoked_subaccounts (owner, token, timestamp) VALUES ($owner, $token, $now)
                    ON CONFLICT (owner, token) DO UPDATE SET timestamp = excluded.timestamp
                    WHERE revoked_subaccounts.timestamp < excluded.timestamp
                    """);
                command.Parameters.AddWithValue("$owner", owner);
                command.Parameters.AddWithValue("$token", token);
                command.Parameters.AddWithValue("$now", nowMs);
                command.ExecuteNonQuery();
            }
            return true;
        }
    }

    /// <summary>Removes tokens; counts the ones that were there.</summary>
    internal sealed class Unrevoke(string owner, IReadOnlyList<byte[]> tokens) : WriteOperation<int>
    {
        protected override int Run(WriteBatchContext context)
        {
            var removed = 0;
            foreach (var token in tokens)
            {
                var command = context.Command("DELETE FROM revoked_subaccounts WHERE owner = $owner AND token = $token");
                command.Parameters.AddWithValue("$owner", owner);
                command.Parameters.AddWithValue("$token", token);
                removed += command.ExecuteNonQuery();
            }
            return removed;
        }
    }
}
