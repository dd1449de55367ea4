using Wisp.Client.Account;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Kdf;

namespace Wisp.Client.Tests.Account;

public sealed class ProfileMaintenanceTests
{
    private static readonly ProfileName Alice = ProfileName.Parse("alice");

    [Fact]
    public void A_passphrase_change_rewraps_the_data_key_and_keeps_the_account_and_its_messages()
    {
        using var temp = new TempHome();
        using var old = Passphrase.From("old passphrase");
        using var next = Passphrase.From("new passphrase");
        string accountId;
        using (var created = AccountVault.Create(temp.Home, Alice, old, PasswordKdfLimits.Fast).Value!)
            accountId = created.Account.AccountId.Hex;
        var databaseBefore = File.ReadAllBytes(Path.Combine(temp.Home.ProfileDirectory(Alice), "client.db"));

        Assert.True(WispClient.ChangePassphrase(temp.Home, Alice, old, next, PasswordKdfLimits.Fast).IsSuccess);

        Assert.Equal(VaultErrorKind.WrongPassphrase, AccountVault.Open(temp.Home, Alice, old).Error!.Kind);
        using var reopened = AccountVault.Open(temp.Home, Alice, next).Value!;
        Assert.Equal(accountId, reopened.AccountId.Hex);
        Assert.Equal(databaseBefore, File.ReadAllBytes(Path.Combine(temp.Home.ProfileDirectory(Alice), "client.db")));
    }

    [Fact]
    public void A_wrong_old_passphrase_changes_nothing()
    {
        using var temp = new TempHome();
        using var old = Passphrase.From("old passphrase");
        using var wrong = Passphrase.From("not it");
        using var next = Passphrase.From("new passphrase");
        AccountVault.Create(temp.Home, Alice, old, PasswordKdfLimits.Fast).Value!.Dispose();
        var profileFile = Path.Combine(temp.Home.ProfileDirectory(Alice), "profile.json");
        var before = File.ReadAllBytes(profileFile);

        var result = WispClient.ChangePassphrase(temp.Home, Alice, wrong, next, PasswordKdfLimits.Fast);

        Assert.Equal(VaultErrorKind.WrongPassphrase, result.Error!.Kind);
        Assert.Contains("nothing was changed", result.Error.Message);
        Assert.Equal(before, File.ReadAllBytes(profileFile));
    }

    [Fact]
    public void A_profile_saved_without_a_passphrase_can_be_given_one()
    {
        using var temp = new TempHome();
        using var next = Passphrase.From("new passphrase");
        AccountVault.Create(temp.Home, Alice, passphrase: null, PasswordKdfLimits.Fast).Value!.Dispose();

        Assert.True(WispClient.ChangePassphrase(temp.Home, Alice, null, next, PasswordKdfLimits.Fast).IsSuccess);

        Assert.True(AccountVault.Describe(temp.Home, Alice).Value!.UsesPassphrase);
        Assert.Equal(VaultErrorKind.PassphraseRequired, AccountVault.Open(temp.Home, Alice, null).Error!.Kind);
        using (var file = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Home.ProfileDirectory(Alice), "profile.json"))))
            Assert.Equal(System.Text.Json.JsonValueKind.Null, file.RootElement.GetProperty("wrapping_key").ValueKind); // the clear key is gone
        AccountVault.Open(temp.Home, Alice, next).Value!.Dispose();
    }

    [Fact]
    public async Task A_profile_open_in_a_client_is_not_deleted_and_is_once_closed()
    {
        using var temp = new TempHome();
        AccountVault.Create(temp.Home, Alice, passphrase: null, PasswordKdfLimits.Fast).Value!.Dispose();
        var client = WispClient.Open(temp.Home, Alice, null).Value!;

        var refused = WispClient.DeleteProfile(temp.Home, Alice);
        Assert.Equal(VaultErrorKind.InUse, refused.Error!.Kind);
        Assert.True(Directory.Exists(temp.Home.ProfileDirectory(Alice)));

        await client.DisposeAsync();
        Assert.True(WispClient.DeleteProfile(temp.Home, Alice).IsSuccess);
        Assert.False(Directory.Exists(temp.Home.ProfileDirectory(Alice)));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Home.ProfilesDirectory));
        Assert.Equal(VaultErrorKind.ProfileNotFound, WispClient.DeleteProfile(temp.Home, Alice).Error!.Kind);
    }
}
