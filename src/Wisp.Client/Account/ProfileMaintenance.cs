using Wisp.Client.LocalData;
using Wisp.Crypto.Kdf;

namespace Wisp.Client.Account;

/// <summary>
/// Changing a profile's passphrase and deleting a profile. A passphrase change re-wraps the data key only (the database
/// is not touched) and replaces <c>profile.json</c> atomically, so it is the old file or the new one, never half of
/// each; a wrong old passphrase changes nothing.
/// </summary>
internal static class ProfileMaintenance
{
    /// <summary>
    /// Re-wraps the profile's data key under <paramref name="newPassphrase"/>. <paramref name="oldPassphrase"/> is needed
    /// only when the profile has one; a profile saved without one gains protection at rest this way.
    /// </summary>
    public static VaultResult<ProfileSummary> ChangePassphrase(
        WispHome home, ProfileName profile, Passphrase? oldPassphrase, Passphrase newPassphrase, PasswordKdfLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(newPassphrase);
        if (!AccountVault.Describe(home, profile).TryGet(out var summary, out var error))
            return error;
        var path = Path.Combine(summary.Directory, ProfileFile.FileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path); // Describe has checked its size
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new VaultError(VaultErrorKind.StorageFailed, profile.Value, $"could not read profile '{profile}': {exception.Message}");
        }
        if (!ProfileFile.TryParse(bytes, out var file, out var problem, out _))
            return new VaultError(VaultErrorKind.Damaged, profile.Value, $"profile '{profile}' is damaged: {problem}");
        if (file.UsesPassphrase && oldPassphrase is null)
            return new VaultError(VaultErrorKind.PassphraseRequired, profile.Value, $"profile '{profile}' is protected by a passphrase, and none was given.");
        if (!DataKeyWrapping.TryUnwrap(file, oldPassphrase, out var dataKey))
        {
            return file.UsesPassphrase
                ? new VaultError(VaultErrorKind.WrongPassphrase, profile.Value, $"wrong passphrase for profile '{profile}'; nothing was changed.")
                : new VaultError(VaultErrorKind.Damaged, profile.Value, $"profile '{profile}' is damaged: its data key fails authentication.");
        }
        using (dataKey)
        {
            var rewrapped = DataKeyWrapping.Rewrap(file, dataKey, newPassphrase, limits ?? PasswordKdfLimits.Moderate);
            try
            {
                PrivateFiles.WriteAtomically(path, rewrapped.ToJson());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return new VaultError(VaultErrorKind.StorageFailed, profile.Value, $"could not save profile '{profile}': {exception.Message}");
            }
        }
        return summary with { UsesPassphrase = true };
    }

    /// <summary>
    /// Deletes the profile's directory, unless a process has the profile open (<see cref="ProfileLock"/>): then nothing
    /// is deleted and the error says so. The directory is first renamed aside, so a crash mid-way leaves no half profile.
    /// </summary>
    public static VaultResult<ProfileName> Delete(WispHome home, ProfileName profile)
    {
        // A damaged profile can be deleted too: that is often why one deletes it.
        if (!AccountVault.Describe(home, profile).TryGet(out _, out var error) && error.Kind is VaultErrorKind.ProfileNotFound or VaultErrorKind.StorageFailed)
            return error;
        var directory = home.ProfileDirectory(profile);
        var free = ProfileLock.TryExclusive(directory, out var held);
        var aside = Path.Combine(home.ProfilesDirectory, $".deleted-{profile.Value}-{Convert.ToHexStringLower(Crypto.RandomBytes.Get(6))}");
        try
        {
            if (!free)
            {
                return new VaultError(VaultErrorKind.InUse, profile.Value,
                    $"profile '{profile}' is open in another wisp process (a chat or a daemon?); close it first. Nothing was deleted.");
            }
            // Held through the rename where the system allows it, so no process opens the profile in between.
            if (OperatingSystem.IsWindows())
                held?.Dispose();
            Directory.Move(directory, aside);
            held?.Dispose();
            Directory.Delete(aside, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new VaultError(VaultErrorKind.StorageFailed, profile.Value, $"could not delete profile '{profile}': {exception.Message}");
        }
        finally
        {
            held?.Dispose();
        }
        return profile;
    }
}
