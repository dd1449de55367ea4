using Wisp.Client.LocalData;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Client.Account;

/// <summary>
/// The accounts on this machine, one per profile directory under a <see cref="WispHome"/>: create, restore, open and
/// list them. A profile is <c>profile.json</c> (public facts and the wrapped data key, see <see cref="ProfileFile"/>)
/// and <c>client.db</c> (the seed and later messages, encrypted under the data key; see <see cref="ClientDatabase"/>).
/// Directories are 0700, files 0600. Expected failures are <see cref="VaultError"/>s, never exceptions.
/// </summary>
public static class AccountVault
{
    /// <summary>
    /// Makes a new account from a fresh random seed and saves it; the phrase is returned to be shown once. Without a
    /// <paramref name="passphrase"/> the profile is not protected at rest. <paramref name="limits"/> is the Argon2id
    /// work for the passphrase (<see cref="PasswordKdfLimits.Moderate"/> when null).
    /// </summary>
    public static VaultResult<NewAccount> Create(WispHome home, ProfileName profile, Passphrase? passphrase, PasswordKdfLimits? limits = null)
    {
        using var keys = Ed25519KeyPair.Generate();
        var saved = Save(home, profile, keys, passphrase, limits);
        return saved.TryGet(out var account, out var error) ? new NewAccount(account, RecoveryPhrase.Create(keys.Seed)) : error;
    }

    /// <summary>Restores an account from a 24-word Wisp or 13-word Session recovery phrase and saves it.</summary>
    public static VaultResult<RestoredAccount> Restore(
        WispHome home, ProfileName profile, string phrase, Passphrase? passphrase, PasswordKdfLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!RecoveryPhrase.TryParse(phrase, out var seed, out var phraseError))
            return new VaultError(VaultErrorKind.InvalidRecoveryPhrase, profile.Value, $"that recovery phrase is not valid: {phraseError.Message}");
        using (seed)
        using (var keys = seed.ToKeyPair())
        {
            var saved = Save(home, profile, keys, passphrase, limits);
            if (saved.TryGet(out var restored, out _))
                Devices.DeviceStore.MarkRestored(restored); // device groups: a restored device asks to join rather than founding a group
            return saved.TryGet(out var account, out var error) ? new RestoredAccount(account, seed.Kind) : error;
        }
    }

    /// <summary>
    /// Saves the account of <paramref name="keys"/> as a new profile (the caller keeps ownership of
    /// <paramref name="keys"/>). The profile is built in a hidden directory beside its final place and renamed into
    /// it, so it appears whole or not at all, and an existing profile is never overwritten.
    /// </summary>
    public static VaultResult<OpenAccount> Save(
        WispHome home, ProfileName profile, Ed25519KeyPair keys, Passphrase? passphrase, PasswordKdfLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(keys);
        var directory = home.ProfileDirectory(profile);
        if (Directory.Exists(directory))
            return Exists(home, profile);

        var staging = Path.Combine(home.ProfilesDirectory, $".new-{profile.Value}-{Convert.ToHexStringLower(Crypto.RandomBytes.Get(6))}");
        var dataKey = DataKey.Generate();
        try
        {
            PrivateFiles.CreateDirectory(home.Path);
            PrivateFiles.CreateDirectory(home.ProfilesDirectory);
            PrivateFiles.CreateDirectory(staging);
            var file = DataKeyWrapping.Wrap(keys, dataKey, passphrase, limits ?? PasswordKdfLimits.Moderate);
            using (var staged = ClientDatabase.Open(Path.Combine(staging, ClientSchema.FileName)))
                AccountRecord.Write(staged, dataKey, keys);
            // profile.json last: a staging directory without it is plainly unfinished.
            PrivateFiles.WriteAtomically(Path.Combine(staging, ProfileFile.FileName), file.ToJson());
            try
            {
                Directory.Move(staging, directory);
            }
            catch (IOException) when (Directory.Exists(directory))
            {
                return Exists(home, profile); // another process made it first
            }

            // Open in place with the key in hand, rather than through Open, which would run Argon2id a second time.
            var database = ClientDatabase.Open(Path.Combine(directory, ClientSchema.FileName));
            var account = new OpenAccount(profile, directory, passphrase is not null, Ed25519KeyPair.FromSeed(keys.Seed), dataKey, database);
            dataKey = null; // the account owns it now
            return account;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ClientDatabaseException or Microsoft.Data.Sqlite.SqliteException)
        {
            return new VaultError(VaultErrorKind.StorageFailed, profile.Value,
                $"could not save profile '{profile}' in {home.ProfilesDirectory}: {exception.Message}");
        }
        finally
        {
            dataKey?.Dispose();
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Unlocks a profile. <paramref name="passphrase"/> is needed only if the profile was made with one.</summary>
    public static VaultResult<OpenAccount> Open(WispHome home, ProfileName profile, Passphrase? passphrase)
    {
        var read = Describe(home, profile, out var file);
        if (!read.TryGet(out var summary, out var error))
            return error;
        if (file!.UsesPassphrase && passphrase is null)
            return new VaultError(VaultErrorKind.PassphraseRequired, profile.Value, $"profile '{profile}' is protected by a passphrase, and none was given.");
        if (!DataKeyWrapping.TryUnwrap(file, passphrase, out var dataKey))
        {
            return file.UsesPassphrase
                ? new VaultError(VaultErrorKind.WrongPassphrase, profile.Value, $"wrong passphrase for profile '{profile}'.")
                : Damaged(profile, "its data key fails authentication (profile.json was altered or damaged).");
        }

        var databasePath = Path.Combine(summary.Directory, ClientSchema.FileName);
        if (!File.Exists(databasePath))
        {
            dataKey.Dispose();
            return Damaged(profile, $"{ClientSchema.FileName} is missing.");
        }
        ClientDatabase? database = null;
        try
        {
            database = ClientDatabase.Open(databasePath);
            if (!AccountRecord.TryRead(database, dataKey, file.AccountId, out var keys, out var problem))
            {
                database.Dispose();
                dataKey.Dispose();
                return Damaged(profile, problem);
            }
            return new OpenAccount(profile, summary.Directory, file.UsesPassphrase, keys, dataKey, database);
        }
        catch (Exception exception) when (exception is ClientDatabaseException or Microsoft.Data.Sqlite.SqliteException)
        {
            database?.Dispose();
            dataKey.Dispose();
            return Damaged(profile, exception.Message);
        }
    }

    /// <summary>Reads what a profile says about itself, without a passphrase.</summary>
    public static VaultResult<ProfileSummary> Describe(WispHome home, ProfileName profile) => Describe(home, profile, out _);

    /// <summary>Every profile in <paramref name="home"/>, by name; a damaged one is listed as its error.</summary>
    public static IReadOnlyList<VaultResult<ProfileSummary>> List(WispHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (!Directory.Exists(home.ProfilesDirectory))
            return [];
        return Directory.EnumerateDirectories(home.ProfilesDirectory)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => ProfileName.TryParse(name, out var profile, out _) ? profile : null) // skips staging and foreign directories
            .OfType<ProfileName>()
            .Select(profile => Describe(home, profile))
            .ToList();
    }

    private static VaultResult<ProfileSummary> Describe(WispHome home, ProfileName profile, out ProfileFile? file)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(profile);
        file = null;
        var directory = home.ProfileDirectory(profile);
        var path = Path.Combine(directory, ProfileFile.FileName);
        if (!Directory.Exists(directory))
            return new VaultError(VaultErrorKind.ProfileNotFound, profile.Value, $"there is no profile '{profile}' in {home.ProfilesDirectory}.");
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > ProfileFile.MaxBytes)
                return Damaged(profile, $"{ProfileFile.FileName} is {length} bytes, more than a profile file can be.");
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return Damaged(profile, $"{ProfileFile.FileName} is missing.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new VaultError(VaultErrorKind.StorageFailed, profile.Value, $"could not read profile '{profile}': {exception.Message}");
        }
        if (!ProfileFile.TryParse(bytes, out file, out var problem, out var newer))
        {
            return newer
                ? new VaultError(VaultErrorKind.NewerFormat, profile.Value, $"profile '{profile}' was written by a newer Wisp: {problem}")
                : Damaged(profile, problem);
        }
        return new ProfileSummary(profile, directory, file.AccountId, file.Ed25519PublicKey, file.UsesPassphrase);
    }

    private static VaultError Exists(WispHome home, ProfileName profile) =>
        new(VaultErrorKind.ProfileExists, profile.Value, $"profile '{profile}' already exists in {home.ProfilesDirectory}; it is never overwritten.");

    private static VaultError Damaged(ProfileName profile, string problem) =>
        new(VaultErrorKind.Damaged, profile.Value, $"profile '{profile}' is damaged: {problem}");
}
