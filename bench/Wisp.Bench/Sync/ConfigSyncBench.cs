using System.Diagnostics;
using System.Globalization;
using Wisp.Bench.Network;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Sync;

/// <summary>
/// <c>config-sync [--contacts 10,100,1000] [--nodes 7] [--restores 3]</c>: on a local network (<c>wisp up</c>), one device
/// of an account with N contacts (each with a nickname, every tenth blocked) pushes its user configs; then a newly
/// restored device of the same account (its own profile and swarm client, nothing cached) runs syncs until it has every
/// contact. Measured: the restored device's time to the full config (median of the restores) and the stored Contacts
/// message's size beside the 76,800-byte store limit. Checked first: every contact, nickname and block arrived.
/// </summary>
internal static class ConfigSyncBench
{
    public static int Run(string[] args)
    {
        var sizes = new[] { 10, 100, 1000 };
        var nodes = 7;
        var restores = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--contacts" when i + 1 < args.Length: sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--nodes" when i + 1 < args.Length: nodes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--restores" when i + 1 < args.Length: restores = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"config-sync: unknown option '{args[i]}'");
                    return 2;
            }
        }
        MachineInfo.Print();
        Console.WriteLine($"Limit: a stored message is at most {StorageLimits.MaxMessageBytes:N0} B (a config that outgrows it cannot be pushed).");
        return RunAsync(sizes, nodes, restores).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int[] sizes, int nodes, int restores)
    {
        var folder = Directory.CreateTempSubdirectory("wisp-bench-config-sync-");
        try
        {
            await using var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder.FullName, "network"), nodes, connections: 2);
            var home = Path.Combine(folder.FullName, "home");
            var rows = new List<string>();
            foreach (var n in sizes)
                rows.Add(await MeasureAsync(home, network.Folder, n, restores));
            Console.WriteLine();
            Console.WriteLine($"| contacts | restored device: time to the full config (median of {restores}) | min | max | Contacts message stored | of store limit |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(string home, string networkFolder, int n, int restores)
    {
        var created = AccountVault.Create(WispHome.At(home), ProfileName.Parse($"first-{n}"), passphrase: null);
        if (!created.TryGet(out var account, out var error))
            throw new InvalidOperationException(error.Message);
        var phrase = account.RecoveryPhrase;
        var contacts = Enumerable.Range(0, n).Select(_ =>
        {
            using var keys = Ed25519KeyPair.Generate();
            return keys.AccountId;
        }).ToList();
        int stored;
        await using (var first = Device(networkFolder, account.Account))
        {
            for (var i = 0; i < n; i++)
            {
                if (!first.Wisp.Contacts.TrySet(contacts[i], $"contact{i}", out var problem))
                    throw new InvalidOperationException(problem);
                if (i % 10 == 9)
                    first.Wisp.Conversations.Block(contacts[i]);
            }
            if (await first.Wisp.ConfigSync.SyncAsync(CancellationToken.None) is { } failed)
                throw new InvalidOperationException($"the first device could not push: {failed}");
            stored = first.Wisp.ConfigSync.LastPushBytes.GetValueOrDefault(3);
        }

        var times = new List<double>();
        for (var r = 0; r < restores; r++)
        {
            var restored = AccountVault.Restore(WispHome.At(home), ProfileName.Parse($"restored-{n}-{r}"), phrase, passphrase: null);
            if (!restored.TryGet(out var opened, out var restoreError))
                throw new InvalidOperationException(restoreError.Message);
            await using var device = Device(networkFolder, opened.Account);
            var started = Stopwatch.GetTimestamp();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (device.Wisp.Contacts.List().Count + device.Wisp.Contacts.Blocked().Count < n)
            {
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"the restored device has {device.Wisp.Contacts.List().Count} of {n} contacts after 2 minutes");
                await device.Wisp.ConfigSync.SyncAsync(CancellationToken.None);
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // Checked: every nickname and every block arrived.
            for (var i = 0; i < n; i++)
            {
                if (device.Wisp.Contacts.NicknameOf(contacts[i]) != $"contact{i}"
                    || (device.Wisp.Conversations.Find(contacts[i])?.State == Client.Conversations.ConversationState.Blocked) != (i % 10 == 9))
                    throw new InvalidOperationException($"contact {i} arrived wrong on the restored device");
            }
        }
        times.Sort();
        Console.WriteLine($"{n:N0} contacts: checked — a restored device has every contact, nickname and block ({restores} restores).");
        return $"| {n:N0} | {times[times.Count / 2]:F0} ms | {times[0]:F0} ms | {times[^1]:F0} ms | {stored:N0} B | {100.0 * stored / StorageLimits.MaxMessageBytes:F1} % |";
    }

    private static BenchDevice Device(string networkFolder, OpenAccount account)
    {
        if (!LocalNetwork.TryLoad(networkFolder, out var network, out var problem))
            throw new InvalidOperationException(problem);
        var registry = FileRegistry.Open(new FileRegistryOptions { Path = network.RegistryPath, RegistryKey = network.RegistryKey }, TimeProvider.System).Value
            ?? throw new InvalidOperationException("the network's registry could not be opened");
        var swarm = SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System);
        var wisp = WispClient.Over(account, TimeProvider.System);
        wisp.Connect(new SwarmClientMessageSwarm(swarm));
        return new BenchDevice(wisp, swarm, registry);
    }

    private sealed record BenchDevice(WispClient Wisp, SwarmClient Swarm, FileRegistry Registry) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Wisp.DisposeAsync();
            Swarm.Dispose();
            Registry.Dispose();
        }
    }
}
