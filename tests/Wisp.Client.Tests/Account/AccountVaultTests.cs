using Wisp.Client.Account;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Client.Tests.Account;

public class AccountVaultTests
{
    private static readonly PasswordKdfLimits Fast = PasswordKdfLimits.Fast;
    private static readonly ProfileName Alice = ProfileName.Parse("alice");
    private static readonly ProfileName Bob = ProfileName.Parse("bob");

    [Fact]
    public void ACreatedAccountOpensWithItsPassphrase()
    {
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("correct horse battery staple");

        string accountId;
        string publicKey;
        string phrase;
        using (var created = Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast)))
        {
            accountId = created.Account.AccountId.Hex;
            publicKey = created.Account.Keys.PublicKey.ToHex();
            phrase = created.RecoveryPhrase;
            Assert.True(created.Account.UsesPassphrase);
        }

        using var opened = Opened(AccountVault.Open(temp.Home, Alice, passphrase));
        Assert.Equal(accountId, opened.AccountId.Hex);
        Assert.Equal(publicKey, opened.Keys.PublicKey.ToHex());
        Assert.Equal(Alice, opened.Profile);
        // The phrase shown at creation is the phrase of the stored seed.
        Assert.Equal(phrase, RecoveryPhrase.Create(opened.Keys.Seed));
        Assert.Equal(24, phrase.Split(' ').Length);
    }

    [Fact]
    public void AnAccountWithoutAPassphraseOpensWithoutOne()
    {
        using var temp = new TempHome();
        string accountId;
        using (var created = Created(AccountVault.Create(temp.Home, Alice, passphrase: null, Fast)))
        {
            accountId = created.Account.AccountId.Hex;
            Assert.False(created.Account.UsesPassphrase);
        }

        using var opened = Opened(AccountVault.Open(temp.Home, Alice, passphrase: null));
        Assert.Equal(accountId, opened.AccountId.Hex);
    }

    [Fact]
    public void RestoringSessionsThirteenWordsGivesThePublishedAccountId()
    {
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("pw");

        var result = AccountVault.Restore(temp.Home, Alice, Phrases.SessionWords, passphrase, Fast);

        Assert.True(result.TryGet(out var restored, out var error), error?.Message);
        using (restored.Account)
        {
            Assert.Equal(RecoveryPhraseKind.Session, restored.Kind);
            Assert.Equal(Phrases.SessionAccountId, restored.Account.AccountId.Hex);
        }
        using var opened = Opened(AccountVault.Open(temp.Home, Alice, passphrase));
        Assert.Equal(Phrases.SessionAccountId, opened.AccountId.Hex);
    }

    [Fact]
    public void RestoringTwentyFourWordsGivesTheAccountOfTheirEntropy()
    {
        using var temp = new TempHome();
        using var expected = Ed25519KeyPair.FromSeed(Phrases.Bip39Entropy);

        var result = AccountVault.Restore(temp.Home, Alice, Phrases.Bip39Words, passphrase: null, Fast);

        Assert.True(result.TryGet(out var restored, out var error), error?.Message);
        using (restored.Account)
        {
            Assert.Equal(RecoveryPhraseKind.Bip39, restored.Kind);
            Assert.Equal(expected.AccountId, restored.Account.AccountId);
            Assert.Equal(expected.PublicKey, restored.Account.Keys.PublicKey);
        }
    }

    [Fact]
    public void TheRecoveryPhraseOfANewAccountRestoresIt()
    {
        using var temp = new TempHome();
        using var created = Created(AccountVault.Create(temp.Home, Alice, passphrase: null, Fast));

        var result = AccountVault.Restore(temp.Home, Bob, created.RecoveryPhrase, passphrase: null, Fast);

        Assert.True(result.TryGet(out var restored, out var error), error?.Message);
        using (restored.Account)
            Assert.Equal(created.Account.AccountId, restored.Account.AccountId);
    }

    [Fact]
    public void AnInvalidPhraseSavesNothing()
    {
        using var temp = new TempHome();

        var result = AccountVault.Restore(temp.Home, Alice, "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted zoo", null, Fast);

        Assert.False(result.IsSuccess);
        Assert.Equal(VaultErrorKind.InvalidRecoveryPhrase, result.Error!.Kind);
        Assert.Contains("checksum", result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(temp.Home.ProfileDirectory(Alice)));
    }

    [Fact]
    public void AWrongPassphraseIsATypedErrorAndChangesNothing()
    {
        using var temp = new TempHome();
        using var right = Passphrase.From("right");
        using var wrong = Passphrase.From("wrong");
        Created(AccountVault.Create(temp.Home, Alice, right, Fast)).Account.Dispose();
        var before = ProfileBytes(temp.Home, Alice);

        var result = AccountVault.Open(temp.Home, Alice, wrong);

        Assert.False(result.IsSuccess);
        Assert.Equal(VaultErrorKind.WrongPassphrase, result.Error!.Kind);
        Assert.Equal("wrong passphrase for profile 'alice'.", result.Error.Message);
        Assert.Equal(before, ProfileBytes(temp.Home, Alice));
        using var stillOpens = Opened(AccountVault.Open(temp.Home, Alice, right));
    }

    [Fact]
    public void OpeningAProtectedProfileWithoutAPassphraseSaysOneIsNeeded()
    {
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("pw");
        Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast)).Account.Dispose();

        var result = AccountVault.Open(temp.Home, Alice, passphrase: null);

        Assert.Equal(VaultErrorKind.PassphraseRequired, result.Error?.Kind);
        Assert.Contains("'alice'", result.Error!.Message);
    }

    [Fact]
    public void OpeningAMissingProfileSaysSo()
    {
        using var temp = new TempHome();

        var result = AccountVault.Open(temp.Home, Alice, passphrase: null);

        Assert.Equal(VaultErrorKind.ProfileNotFound, result.Error?.Kind);
        Assert.Contains("no profile 'alice'", result.Error!.Message);
    }

    [Fact]
    public void AnExistingProfileIsNeverOverwritten()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        var before = ProfileBytes(temp.Home, Alice);

        var create = AccountVault.Create(temp.Home, Alice, null, Fast);
        var restore = AccountVault.Restore(temp.Home, Alice, Phrases.SessionWords, null, Fast);

        Assert.Equal(VaultErrorKind.ProfileExists, create.Error?.Kind);
        Assert.Equal(VaultErrorKind.ProfileExists, restore.Error?.Kind);
        Assert.Equal(before, ProfileBytes(temp.Home, Alice));
        Assert.Single(Directory.GetDirectories(temp.Home.ProfilesDirectory)); // no staging directory left behind
    }

    [Fact]
    public void TwoProfilesLiveSideBySide()
    {
        using var temp = new TempHome();
        using var alicePassphrase = Passphrase.From("alice's");
        using var bobPassphrase = Passphrase.From("bob's");
        Restored(AccountVault.Restore(temp.Home, Alice, Phrases.SessionWords, alicePassphrase, Fast));
        Restored(AccountVault.Restore(temp.Home, Bob, Phrases.Bip39Words, bobPassphrase, Fast));

        using (var alice = Opened(AccountVault.Open(temp.Home, Alice, alicePassphrase)))
        using (var bob = Opened(AccountVault.Open(temp.Home, Bob, bobPassphrase)))
        {
            Assert.Equal(Phrases.SessionAccountId, alice.AccountId.Hex);
            Assert.NotEqual(alice.AccountId, bob.AccountId);
        }
        Assert.Equal(VaultErrorKind.WrongPassphrase, AccountVault.Open(temp.Home, Bob, alicePassphrase).Error?.Kind);

        var list = AccountVault.List(temp.Home);
        Assert.Equal(["alice", "bob"], list.Select(entry => entry.Value!.Profile.Value));
        Assert.All(list, entry => Assert.True(entry.Value!.UsesPassphrase));
        Assert.Equal(Phrases.SessionAccountId, list[0].Value!.AccountId.Hex);
    }

    [Fact]
    public void ListingAnEmptyHomeGivesNothing()
    {
        using var temp = new TempHome();

        Assert.Empty(AccountVault.List(temp.Home));
    }

    [Fact]
    public void ListingSkipsForeignDirectoriesAndReportsDamagedProfiles()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        Directory.CreateDirectory(Path.Combine(temp.Home.ProfilesDirectory, ".new-bob-0011"));
        Directory.CreateDirectory(Path.Combine(temp.Home.ProfilesDirectory, "Not A Profile"));
        Directory.CreateDirectory(temp.Home.ProfileDirectory(Bob)); // no profile.json

        var list = AccountVault.List(temp.Home);

        Assert.Equal(2, list.Count);
        Assert.True(list[0].IsSuccess);
        Assert.Equal(VaultErrorKind.Damaged, list[1].Error?.Kind);
        Assert.Equal("bob", list[1].Error!.Profile);
        Assert.Contains("profile.json is missing", list[1].Error!.Message);
    }

    internal static NewAccount Created(VaultResult<NewAccount> result)
    {
        Assert.True(result.TryGet(out var value, out var error), error?.Message);
        return value;
    }

    internal static OpenAccount Opened(VaultResult<OpenAccount> result)
    {
        Assert.True(result.TryGet(out var value, out var error), error?.Message);
        return value;
    }

    private static void Restored(VaultResult<RestoredAccount> result)
    {
        Assert.True(result.TryGet(out var value, out var error), error?.Message);
        value.Account.Dispose();
    }

    private static Dictionary<string, byte[]> ProfileBytes(WispHome home, ProfileName profile) =>
        Directory.GetFiles(home.ProfileDirectory(profile)).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);
}
