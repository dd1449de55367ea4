using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Account;

/// <summary>
/// An unlocked account: its key pair, its profile and its open database with the data key that decrypts what is
/// secret in it. <see cref="Dispose"/> zeroes the keys and closes the database.
/// </summary>
public sealed class OpenAccount : IDisposable
{
    internal OpenAccount(ProfileName profile, string directory, bool usesPassphrase, Ed25519KeyPair keys, DataKey dataKey, ClientDatabase database)
    {
        Profile = profile;
        Directory = directory;
        UsesPassphrase = usesPassphrase;
        Keys = keys;
        DataKey = dataKey;
        Database = database;
    }

    /// <summary>The profile's name.</summary>
    public ProfileName Profile { get; }

    /// <summary>The profile's directory.</summary>
    public string Directory { get; }

    /// <summary>Whether the profile is protected by a passphrase (if not, its files are not protected at rest).</summary>
    public bool UsesPassphrase { get; }

    /// <summary>The account's key pair.</summary>
    public Ed25519KeyPair Keys { get; }

    /// <summary>The Account ID.</summary>
    public AccountId AccountId => Keys.AccountId;

    /// <summary>The key of the database's <see cref="EncryptedColumn"/>s.</summary>
    internal DataKey DataKey { get; }

    /// <summary>The account's local database.</summary>
    internal ClientDatabase Database { get; }

    /// <summary>Zeroes the keys and closes the database.</summary>
    public void Dispose()
    {
        Database.Dispose();
        DataKey.Dispose();
        Keys.Dispose();
    }

    /// <summary>Names the profile and account; never a secret.</summary>
    public override string ToString() => $"OpenAccount({Profile}, {AccountId})";
}
