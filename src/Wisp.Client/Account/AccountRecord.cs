using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Account;

/// <summary>The <c>account</c> row of the client database: the Account ID and the seed, encrypted under the data key.</summary>
internal static class AccountRecord
{
    public static void Write(ClientDatabase database, DataKey dataKey, Ed25519KeyPair keys)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = "INSERT INTO account (id, account_id, seed) VALUES (1, $account_id, $seed);";
        command.Parameters.AddWithValue("$account_id", keys.AccountId.Hex);
        command.Parameters.AddWithValue("$seed", ClientSchema.AccountSeed.Encrypt(dataKey, keys.AccountId.Hex, keys.Seed));
        command.ExecuteNonQuery();
    }

    /// <summary>Reads and decrypts the seed of <paramref name="expected"/>; on failure, <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryRead(
        ClientDatabase database, DataKey dataKey, AccountId expected, [NotNullWhen(true)] out Ed25519KeyPair? keys, [NotNullWhen(false)] out string? problem)
    {
        keys = null;
        using var command = database.Connection.CreateCommand();
        command.CommandText = "SELECT account_id, seed FROM account WHERE id = 1;";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            problem = "the database holds no account.";
            return false;
        }
        // Typed checks rather than casts: whatever was written into the file, opening it must not throw.
        if (reader.GetValue(0) is not string accountId || accountId != expected.Hex)
        {
            problem = $"the database belongs to another account than the profile's {expected.Hex}.";
            return false;
        }
        if (reader.GetValue(1) is not byte[] stored)
        {
            problem = "the stored seed is not an encrypted value.";
            return false;
        }
        if (!ClientSchema.AccountSeed.TryDecrypt(dataKey, accountId, stored, out var seed))
        {
            problem = "the stored seed fails authentication (it was altered or damaged).";
            return false;
        }
        try
        {
            if (seed.Length != Ed25519KeyPair.SeedBytes)
            {
                problem = $"the stored seed is {seed.Length} bytes, not {Ed25519KeyPair.SeedBytes}.";
                return false;
            }
            var pair = Ed25519KeyPair.FromSeed(seed);
            if (!pair.AccountId.Equals(expected))
            {
                pair.Dispose();
                problem = "the stored seed does not belong to the profile's Account ID.";
                return false;
            }
            keys = pair;
            problem = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
