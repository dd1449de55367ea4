using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wisp.Chain.Deploy;
using Wisp.Chain.Registry;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Chain;

/// <summary>
/// <c>wisp up --chain</c> with five real node processes on a real Anvil (10-block rounds of 1 s): a node killed -9 is
/// voted out by the others' quorum within a bounded number of rounds, the swarm it leaves holds every message on every
/// remaining member, <c>wisp net status</c> shows it decommissioned, and once restarted it is voted back in and holds
/// the messages again.
/// </summary>
public sealed class VoteOutTests : IDisposable
{
    /// <summary>Rounds from the kill to the decommission, at most: one to see it fail, one spare for a round the kill straddled.</summary>
    private const int MaxRoundsToRemove = 3;

    private readonly TempDirectory _network = new();

    public void Dispose() => _network.Dispose();

    [Fact]
    public async Task A_killed_node_is_voted_out_within_three_rounds_with_nothing_lost_and_voted_back_in_after_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var up = WispProcess.Start("up", "--chain", "--nodes", "5", "--network", _network.Path, "--json");
        WispProcess? restarted = null;
        try
        {
            var view = await up.ReadJsonLineAsync(TimeSpan.FromSeconds(240));
            var nodes = view.GetProperty("nodes").EnumerateArray().Select(n => new NetworkNode(
                n.GetProperty("name").GetString()!, n.GetProperty("ed25519").GetString()!, n.GetProperty("url").GetString()!,
                new Uri(n.GetProperty("url").GetString()!).Port, n.GetProperty("data").GetString()!)).ToList();
            var deployment = await ChainDeployment.LoadAsync(Path.Combine(_network.Path, ChainDeployment.FileName), ct);
            using var registry = await EvmRegistry.OpenAsync(EvmRegistryOptions.For(deployment), TimeProvider.System, ct);
            using var storage = new StorageClient(_network.Path);
            var chain = await Wisp.Chain.ChainClient.ConnectAsync(deployment.RpcUrl, null, ct);
            var contract = new RegistryContract(chain, deployment);

            // Messages for several accounts, each acknowledged by its swarm.
            var accounts = Enumerable.Range(0, 4).Select(_ => Ed25519KeyPair.Generate()).ToList();
            var stored = new Dictionary<Ed25519KeyPair, List<string>>();
            foreach (var account in accounts)
            {
                stored[account] = [];
                for (var i = 0; i < 3; i++)
                {
                    var answer = await storage.StoreAsync(nodes[0].Url, account, BitConverter.GetBytes(i), ct);
                    Assert.True(answer.Status == 200, answer.Body);
                    stored[account].Add(answer.Hash!);
                }
            }

            var victim = nodes[^1];
            var victimKey = Ed25519PublicKey.FromHex(victim.Ed25519);
            var roundLength = (ulong)RegistryParameters.Local.RoundLength;
            var killedBlock = await chain.BlockNumberAsync(ct);
            var clock = Stopwatch.StartNew();
            ProcessSignals.KillHard(PidOf(victim));

            await Eventually.TrueAsync(async () => (await contract.GetNodeAsync(victimKey, ct))?.Status == ChainNodeStatus.Decommissioned,
                "the killed node is decommissioned", TimeSpan.FromSeconds(120));
            var removedAfter = clock.Elapsed;
            var removedBlock = await chain.BlockNumberAsync(ct);
            var rounds = (long)((ulong)removedBlock / roundLength - (ulong)killedBlock / roundLength);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"decommissioned {removedAfter.TotalSeconds:F1} s and {rounds} round(s) after the kill (blocks {killedBlock}..{removedBlock}, {roundLength}-block rounds of 1 s)");
            Assert.True(rounds <= MaxRoundsToRemove, $"the decommission took {rounds} rounds");

            // The swarms heal: the registry no longer lists the node, and every remaining member of each account's swarm holds its messages.
            await Eventually.TrueAsync(async () =>
            {
                await registry.RefreshAsync(ct);
                return !registry.Current.ActiveNodes.Any(n => n.Ed25519Key.Equals(victimKey));
            }, "the registry unlists the decommissioned node", TimeSpan.FromSeconds(60));
            foreach (var account in accounts)
            {
                var swarm = registry.Current.Swarms.SwarmForAccount(account.AccountId)!;
                Assert.DoesNotContain(victimKey, swarm.Members);
                foreach (var member in swarm.Members.Select(m => nodes.Single(n => n.Ed25519 == m.ToHex())))
                    await Eventually.TrueAsync(async () => (await storage.RetrieveHashesAsync(member.Url, account, ct) ?? []).IsSupersetOf(stored[account]),
                        $"{member.Name} holds the account's messages", TimeSpan.FromSeconds(60));
            }
            var status = await WispProcess.RunAsync("net", "status", "--network", _network.Path);
            Assert.True(status.ExitCode == 0, status.Stderr);
            Assert.Contains(status.Stdout.Split('\n'), line => line.Contains(victim.Ed25519, StringComparison.Ordinal) && line.Contains("decommissioned", StringComparison.Ordinal));

            // Restarted, it passes the next quorum's tests and is voted back in, and catches up with its swarm.
            restarted = WispProcess.Start("node", "run", "--data", victim.DataDirectory, "--host", "127.0.0.1",
                "--port", victim.Port.ToString(CultureInfo.InvariantCulture), "--chain-url", deployment.RpcUrl,
                "--registry-address", deployment.RegistryAddress, "--chain-start-block", deployment.DeployBlock.ToString(CultureInfo.InvariantCulture),
                "--rate-limit", "0", "--sync", "normal", "--log-level", "Warning");
            var restartClock = Stopwatch.StartNew();
            var restartBlock = await chain.BlockNumberAsync(ct);
            await Eventually.TrueAsync(async () => (await contract.GetNodeAsync(victimKey, ct))?.Status == ChainNodeStatus.Active,
                "the restarted node is recommissioned", TimeSpan.FromSeconds(120));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"recommissioned {restartClock.Elapsed.TotalSeconds:F1} s after the restart (blocks {restartBlock}..{await chain.BlockNumberAsync(ct)})");
            foreach (var account in accounts)
                await Eventually.TrueAsync(async () => (await storage.RetrieveHashesAsync(victim.Url, account, ct) ?? []).IsSupersetOf(stored[account]),
                    "the recommissioned node holds its swarm's messages", TimeSpan.FromSeconds(90));
        }
        finally
        {
            if (restarted is not null)
            {
                if (!restarted.HasExited) ProcessSignals.Terminate(restarted.Id);
                await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30));
                restarted.Dispose();
            }
            up.Terminate();
            await up.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private static int PidOf(NetworkNode node)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.DataDirectory, "node.json")));
        return document.RootElement.GetProperty("pid").GetInt32();
    }
}
