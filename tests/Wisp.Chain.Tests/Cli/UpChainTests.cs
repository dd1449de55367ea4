using System.Globalization;
using Wisp.Client.Account;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.Chain.Tests.Cli;

/// <summary>
/// <c>wisp up --chain</c> as a real process: Anvil, the registry deployed, five nodes staked and serving in it, and
/// clients that follow the same contract deliver a message. <c>wisp net status</c> shows the chain.
/// </summary>
public sealed class UpChainTests : IDisposable
{
    private readonly TempDirectory _network = new();
    private readonly TempDirectory _home = new();

    public void Dispose()
    {
        _network.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task A_network_on_a_chain_delivers_a_message_and_status_shows_the_staked_nodes()
    {
        using var up = WispProcess.Start("up", "--chain", "--nodes", 5.ToString(CultureInfo.InvariantCulture), "--network", _network.Path, "--json");
        try
        {
            var view = await up.ReadJsonLineAsync(TimeSpan.FromSeconds(240));
            Assert.Equal(5, view.GetProperty("nodes").GetArrayLength());
            Assert.True(File.Exists(Path.Combine(_network.Path, Deploy.ChainDeployment.FileName)));
            var alice = NewAccount("alice");
            var bob = NewAccount("bob");

            var sent = await WispProcess.RunAsync(Args("send", bob.Hex, "staked hello", "--profile", "alice"));
            var inbox = await WispProcess.RunAsync(Args("inbox", "--fetch", "--profile", "bob"));
            var status = await WispProcess.RunAsync("net", "status", "--network", _network.Path);

            Assert.True(sent.ExitCode == 0, sent.Stderr);
            Assert.True(inbox.ExitCode == 0, inbox.Stderr);
            Assert.Contains("staked hello", inbox.Stdout);
            Assert.True(status.ExitCode == 0, status.Stderr);
            Assert.Contains("Chain http://127.0.0.1:", status.Stdout);
            Assert.Equal(5, status.Stdout.Split('\n').Count(line => line.Contains(" active ", StringComparison.Ordinal)));
        }
        finally
        {
            up.Terminate();
            await up.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private AccountId NewAccount(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        using (created)
            return created.Account.AccountId;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", _network.Path];
}
