using Wisp.Chain.Anvil;

namespace Wisp.Chain.Tests.Anvil;

public sealed class AnvilProcessTests
{
    [Fact]
    public async Task A_missing_anvil_is_a_clear_error_that_says_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "wisp-tests", Guid.NewGuid().ToString("N"), "anvil");

        var error = await Assert.ThrowsAsync<ChainException>(() =>
            AnvilProcess.StartAsync(new AnvilOptions { BinaryPath = missing }, TestContext.Current.CancellationToken));

        Assert.Contains("could not be started", error.Message);
        Assert.Contains("npm ci", error.Message);
        Assert.Contains(AnvilLocator.EnvironmentVariable, error.Message);
    }

    [Fact]
    public async Task Anvil_starts_on_a_free_port_with_funded_development_keys()
    {
        await using var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Accounts = 3 }, TestContext.Current.CancellationToken);
        var client = await ChainClient.ConnectAsync(anvil.RpcUrl, null, TestContext.Current.CancellationToken);

        Assert.Equal(3, anvil.DevKeys.Count);
        Assert.Equal(31337, client.ChainId);
        Assert.True(await client.EthBalanceAsync(anvil.DevKeys[2].Address, TestContext.Current.CancellationToken) > 0);
    }
}
