using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Wisp.Client.Account;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Kdf;
using static Wisp.Client.Tests.Account.AccountVaultTests;

namespace Wisp.Client.Tests.Account;

/// <summary>What a profile looks like on disk: nothing secret in the clear, private modes, and clear errors when altered.</summary>
public class ProfileAtRestTests
{
    private static readonly PasswordKdfLimits Fast = PasswordKdfLimits.Fast;
    private static readonly ProfileName Alice = ProfileName.Parse("alice");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NoFileOfTheProfileHoldsTheSeedOrTheDataKeyInTheClear(bool withPassphrase)
    {
        using var temp = new TempHome();
        using var passphrase = withPassphrase ? Passphrase.From("pw") : null;
        using var created = Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast));
        var seed = created.Account.Keys.Seed.ToArray();
        var dataKey = created.Account.DataKey.Span.ToArray();
        var secrets = new List<byte[]>
        {
            seed,
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(seed)),
            Encoding.ASCII.GetBytes(Convert.ToHexString(seed)),
            Encoding.UTF8.GetBytes(created.RecoveryPhrase),
            Encoding.UTF8.GetBytes(created.RecoveryPhrase.Split(' ')[0] + " " + created.RecoveryPhrase.Split(' ')[1]),
            dataKey,
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(dataKey)),
        };

        // While open (the WAL and shared-memory files exist) and after closing (checkpointed into client.db).
        AssertNoFileContains(temp.Home.ProfileDirectory(Alice), secrets);
        created.Account.Dispose();
        AssertNoFileContains(temp.Home.ProfileDirectory(Alice), secrets);
        Assert.Contains(seed, b => b != 0); // the scan looked for something real
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void DirectoriesAre0700AndFiles0600()
    {
        if (OperatingSystem.IsWindows())
            Assert.Skip("Unix file modes.");
        using var temp = new TempHome();
        using var created = Created(AccountVault.Create(temp.Home, Alice, null, Fast));
        var directory = temp.Home.ProfileDirectory(Alice);
        const UnixFileMode privateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode privateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(privateDirectory, File.GetUnixFileMode(temp.Home.Path));
        Assert.Equal(privateDirectory, File.GetUnixFileMode(temp.Home.ProfilesDirectory));
        Assert.Equal(privateDirectory, File.GetUnixFileMode(directory));
        var files = Directory.GetFiles(directory);
        Assert.Contains(files, f => f.EndsWith("client.db-wal", StringComparison.Ordinal)); // the open database's WAL too
        Assert.All(files, file => Assert.True(privateFile == File.GetUnixFileMode(file), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}"));
    }

    [Fact]
    public void AnAlteredSeedCiphertextIsReportedAsDamage()
    {
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("pw");
        Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast)).Account.Dispose();
        AlterDatabase(temp.Home, "UPDATE account SET seed = CAST(substr(seed, 1, 40) || (CASE WHEN substr(seed, 41, 1) = x'00' THEN x'01' ELSE x'00' END) || substr(seed, 42) AS BLOB);");

        var result = AccountVault.Open(temp.Home, Alice, passphrase);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Equal("profile 'alice' is damaged: the stored seed fails authentication (it was altered or damaged).", result.Error!.Message);
    }

    [Theory]
    [InlineData("UPDATE account SET seed = 'not a blob';", "not an encrypted value")]
    [InlineData("UPDATE account SET seed = x'01';", "fails authentication")]
    [InlineData("UPDATE account SET account_id = 42;", "another account")]
    [InlineData("DELETE FROM account;", "holds no account")]
    public void AnyOtherDamageToTheAccountRowIsReportedNotThrown(string sql, string expected)
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        AlterDatabase(temp.Home, sql);

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains(expected, result.Error!.Message);
    }

    [Fact]
    public void ASeedCopiedFromAnotherProfileDoesNotOpen()
    {
        using var temp = new TempHome();
        var bob = ProfileName.Parse("bob");
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        Created(AccountVault.Create(temp.Home, bob, null, Fast)).Account.Dispose();
        byte[] bobsSeed;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Home.ProfileDirectory(bob), "client.db")};Pooling=False"))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT seed FROM account;";
            bobsSeed = (byte[])read.ExecuteScalar()!;
        }
        AlterDatabase(temp.Home, "UPDATE account SET seed = $seed;", ("$seed", bobsSeed));

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains("fails authentication", result.Error!.Message);
    }

    [Fact]
    public void AnAlteredDataKeyWithoutPassphraseIsReportedAsDamage()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        AlterProfileJson(temp.Home, json => json["data_key"]!["ciphertext"] = FlipFirstHexDigit(json["data_key"]!["ciphertext"]!.GetValue<string>()));

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains("data key fails authentication", result.Error!.Message);
    }

    [Fact]
    public void AnAlteredDataKeyWithAPassphraseReadsAsAWrongPassphrase()
    {
        // Documented: with a passphrase, a damaged wrapped key and a wrong passphrase cannot be told apart.
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("pw");
        Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast)).Account.Dispose();
        AlterProfileJson(temp.Home, json => json["data_key"]!["nonce"] = FlipFirstHexDigit(json["data_key"]!["nonce"]!.GetValue<string>()));

        Assert.Equal(VaultErrorKind.WrongPassphrase, AccountVault.Open(temp.Home, Alice, passphrase).Error?.Kind);
    }

    [Fact]
    public void AnEditedAccountIdInProfileJsonDoesNotOpen()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        AlterProfileJson(temp.Home, json => json["account_id"] = Support.Phrases.SessionAccountId);

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind); // the data key is bound to the Account ID
    }

    [Theory]
    [InlineData("not json at all", "damaged")]
    [InlineData("{}", "not a Wisp profile file")]
    [InlineData("""{"format":"wisp-profile","version":1}""", "damaged")]
    [InlineData("""{"format":"wisp-profile","version":1,"account_id":"05zz"}""", "66 hex characters")]
    public void AnUnreadableProfileFileIsReportedAsDamage(string contents, string expected)
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        File.WriteAllText(Path.Combine(temp.Home.ProfileDirectory(Alice), "profile.json"), contents);

        var open = AccountVault.Open(temp.Home, Alice, null);
        var describe = AccountVault.Describe(temp.Home, Alice);

        Assert.Equal(VaultErrorKind.Damaged, open.Error?.Kind);
        Assert.Contains(expected, open.Error!.Message);
        Assert.Equal(VaultErrorKind.Damaged, describe.Error?.Kind);
    }

    [Fact]
    public void AHugeProfileFileIsNotRead()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        File.WriteAllText(Path.Combine(temp.Home.ProfileDirectory(Alice), "profile.json"), new string(' ', 1 << 20));

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains("more than a profile file can be", result.Error!.Message);
    }

    [Theory]
    [InlineData(0UL, 65536UL)]
    [InlineData(1000UL, 65536UL)]
    [InlineData(1UL, 1024UL)]
    [InlineData(1UL, 1UL << 40)]
    public void OutOfRangeKdfSettingsAreRefusedBeforeAnyWork(ulong operations, ulong memory)
    {
        using var temp = new TempHome();
        using var passphrase = Passphrase.From("pw");
        Created(AccountVault.Create(temp.Home, Alice, passphrase, Fast)).Account.Dispose();
        AlterProfileJson(temp.Home, json =>
        {
            json["kdf"]!["operations"] = operations;
            json["kdf"]!["memory_bytes"] = memory;
        });

        var result = AccountVault.Open(temp.Home, Alice, passphrase);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains("out-of-range Argon2id settings", result.Error!.Message);
    }

    [Fact]
    public void AProfileFromANewerWispSaysSo()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        AlterProfileJson(temp.Home, json => json["version"] = 2);

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.NewerFormat, result.Error?.Kind);
        Assert.Contains("newer Wisp", result.Error!.Message);
    }

    [Fact]
    public void AMissingDatabaseIsReportedAsDamage()
    {
        using var temp = new TempHome();
        Created(AccountVault.Create(temp.Home, Alice, null, Fast)).Account.Dispose();
        File.Delete(Path.Combine(temp.Home.ProfileDirectory(Alice), "client.db"));

        var result = AccountVault.Open(temp.Home, Alice, null);

        Assert.Equal(VaultErrorKind.Damaged, result.Error?.Kind);
        Assert.Contains("client.db is missing", result.Error!.Message);
        Assert.False(File.Exists(Path.Combine(temp.Home.ProfileDirectory(Alice), "client.db"))); // and opening did not make an empty one
    }

    private static void AssertNoFileContains(string directory, List<byte[]> secrets)
    {
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
                Assert.True(bytes.AsSpan().IndexOf(secret) < 0, $"{Path.GetFileName(file)} holds a secret in the clear");
        }
    }

    private static void AlterDatabase(WispHome home, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(home.ProfileDirectory(Alice), "client.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static void AlterProfileJson(WispHome home, Action<JsonNode> change)
    {
        var path = Path.Combine(home.ProfileDirectory(Alice), "profile.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private static string FlipFirstHexDigit(string hex) => (hex[0] == '0' ? "1" : "0") + hex[1..];
}
