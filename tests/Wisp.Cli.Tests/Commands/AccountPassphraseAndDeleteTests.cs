using Wisp.Cli.Tests.Support;
using Wisp.Client.Account;

namespace Wisp.Cli.Tests.Commands;

public class AccountPassphraseAndDeleteTests
{
    [Fact]
    public void PassphraseAsksForTheOldOneAndTheNewOneTwice()
    {
        using var cli = new CliHarness();
        var oldFile = Path.Combine(cli.Root, "old");
        File.WriteAllText(oldFile, "old lanterns drift north\n");
        Assert.Equal(0, cli.Run("account", "new", "--passphrase-file", oldFile, "--skip-confirm").Code);
        cli.Interactive = true;
        cli.Secrets.Enqueue("old lanterns drift north");
        cli.Secrets.Enqueue("new copper kites sing");
        cli.Secrets.Enqueue("new copper kites sing");

        var (code, stdout, stderr) = cli.Run("account", "passphrase");

        Assert.Equal(0, code);
        Assert.Contains("is changed", stdout);
        Assert.Contains("The same passphrase again", stderr);
        var newFile = Path.Combine(cli.Root, "new");
        File.WriteAllText(newFile, "new copper kites sing\n");
        Assert.Equal(0, cli.Run("contacts", "--passphrase-file", newFile).Code);
        Assert.Equal(2, cli.Run("contacts", "--passphrase-file", oldFile).Code);
    }

    [Fact]
    public void AWrongOldPassphraseOrTwoDifferentNewOnesChangeNothing()
    {
        using var cli = new CliHarness();
        var oldFile = Path.Combine(cli.Root, "old");
        File.WriteAllText(oldFile, "old lanterns drift north\n");
        Assert.Equal(0, cli.Run("account", "new", "--passphrase-file", oldFile, "--skip-confirm").Code);
        var profileFile = Path.Combine(cli.Home.ProfileDirectory(ProfileName.Default), "profile.json");
        var before = File.ReadAllBytes(profileFile);
        cli.Interactive = true;
        foreach (var secret in new[] { "wrong", "new copper kites sing", "new copper kites sing", "old lanterns drift north", "new copper kites sing", "typo" })
            cli.Secrets.Enqueue(secret);

        var wrong = cli.Run("account", "passphrase");
        Assert.Equal(2, wrong.Code);
        Assert.Contains("wrong passphrase", wrong.Stderr);
        var differ = cli.Run("account", "passphrase");
        Assert.Equal(2, differ.Code);
        Assert.Contains("differ", differ.Stderr);

        Assert.Equal(before, File.ReadAllBytes(profileFile));
    }

    [Fact]
    public void DeleteAsksForTheProfileNameAndRemovesTheProfile()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--profile", "work", "--no-passphrase", "--skip-confirm").Code);

        var noTerminal = cli.Run("account", "delete", "--profile", "work");
        Assert.Equal(2, noTerminal.Code);
        Assert.Contains("--yes", noTerminal.Stderr);

        cli.Interactive = true;
        cli.Lines.Enqueue("wrok");
        Assert.Equal(1, cli.Run("account", "delete", "--profile", "work").Code);
        Assert.True(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Parse("work"))));

        cli.Lines.Enqueue("work");
        var (code, stdout, stderr) = cli.Run("account", "delete", "--profile", "work");
        Assert.Equal(0, code);
        Assert.Contains("Type the profile's name (work) to confirm", stderr);
        Assert.Contains("is deleted", stdout);
        Assert.False(Directory.Exists(cli.Home.ProfileDirectory(ProfileName.Parse("work"))));
        Assert.Equal(2, cli.Run("account", "delete", "--profile", "work", "--yes").Code);
    }

    [Fact]
    public async Task DeleteIsRefusedWhileAnotherProcessHasTheProfileOpen()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        await using (var open = Seeded.Open(cli))
        {
            var (code, _, stderr) = cli.Run("account", "delete", "--profile", "default", "--yes");
            Assert.Equal(1, code);
            Assert.Contains("open in another wisp process", stderr);
        }
        Assert.Equal(0, cli.Run("account", "delete", "--profile", "default", "--yes").Code);
    }
}
