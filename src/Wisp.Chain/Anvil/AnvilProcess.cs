using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Nethereum.Hex.HexTypes;
using Nethereum.Web3;
using Wisp.Chain.Keys;

namespace Wisp.Chain.Anvil;

/// <summary>
/// A local Anvil chain run as a child process on 127.0.0.1 (for tests, benchmarks and <c>wisp up --chain</c>).
/// Disposing stops it. The development accounts Anvil funds are offered as <see cref="DevKeys"/>; the test helpers
/// (<see cref="SnapshotAsync"/>, <see cref="RevertAsync"/>, <see cref="MineAsync"/>) are Anvil's own RPC methods.
/// </summary>
public sealed partial class AnvilProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Web3 _web3;

    private AnvilProcess(Process process, string rpcUrl, long chainId, IReadOnlyList<EthereumKey> devKeys)
    {
        _process = process;
        RpcUrl = rpcUrl;
        ChainId = chainId;
        DevKeys = devKeys;
        _web3 = new Web3(rpcUrl);
    }

    /// <summary>The JSON-RPC URL, e.g. http://127.0.0.1:8545.</summary>
    public string RpcUrl { get; }

    /// <summary>The chain id.</summary>
    public long ChainId { get; }

    /// <summary>The funded development accounts' keys (each holds 10,000 ETH at start).</summary>
    public IReadOnlyList<EthereumKey> DevKeys { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts anvil and waits until it listens.</summary>
    /// <exception cref="ChainException">anvil is not installed, or did not start (its output is in the message).</exception>
    public static async Task<AnvilProcess> StartAsync(AnvilOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilOptions();
        var binary = options.BinaryPath ?? AnvilLocator.Require();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options))
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ChainException($"anvil ({binary}) did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChainException($"anvil ({binary}) could not be started ({e.Message}); {AnvilLocator.InstallHint}.", e);
        }

        var output = new List<string>();
        var keys = new List<EthereumKey>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inKeys = false;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                listening.TrySetException(new ChainException("anvil exited before listening: " + string.Join(" | ", output.TakeLast(5))));
                return;
            }
            lock (output)
            {
                if (output.Count < 200)
                    output.Add(text);
                if (text.StartsWith("Private Keys", StringComparison.Ordinal))
                    inKeys = true;
                else if (inKeys && KeyLine().Match(text) is { Success: true } key)
                    keys.Add(EthereumKey.FromHex(key.Groups[1].Value));
                else if (inKeys && text.Length > 0 && !text.StartsWith('=') && !text.StartsWith('('))
                    inKeys = false;
            }
            if (ListeningLine().Match(text) is { Success: true } address)
                listening.TrySetResult(address.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                lock (output)
                    output.Add(text);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var endpoint = await listening.Task.WaitAsync(ChainTimeouts.AnvilStart, cancellationToken).ConfigureAwait(false);
            List<EthereumKey> devKeys;
            lock (output)
                devKeys = [.. keys];
            return new AnvilProcess(process, "http://" + endpoint, options.ChainId, devKeys);
        }
        catch (Exception e)
        {
            Stop(process);
            if (e is ChainException or OperationCanceledException)
                throw;
            throw new ChainException($"anvil did not start listening within {ChainTimeouts.AnvilStart.TotalSeconds:0} s: " + string.Join(" | ", output.TakeLast(5)), e);
        }
    }

    /// <summary>Saves the chain's state; <see cref="RevertAsync"/> with the returned id brings it back (Anvil's <c>evm_snapshot</c>).</summary>
    public Task<string> SnapshotAsync() => _web3.Client.SendRequestAsync<string>("evm_snapshot");

    /// <summary>Returns the chain to a snapshot, dropping every block after it (Anvil's <c>evm_revert</c>).</summary>
    public Task<bool> RevertAsync(string snapshotId) => _web3.Client.SendRequestAsync<bool>("evm_revert", null, snapshotId);

    /// <summary>Mines <paramref name="blocks"/> empty blocks (Anvil's <c>anvil_mine</c>).</summary>
    public Task MineAsync(int blocks = 1) =>
        _web3.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(blocks).HexValue);

    /// <summary>Switches to mining a block every <paramref name="seconds"/> seconds (Anvil's <c>evm_setIntervalMining</c>), so confirmations keep coming when nothing is sent.</summary>
    public Task SetIntervalMiningAsync(int seconds) => _web3.Client.SendRequestAsync<object>("evm_setIntervalMining", null, seconds);

    /// <summary>Sets an account's ETH balance (Anvil's <c>anvil_setBalance</c>), to fund operator keys without a transfer.</summary>
    public Task SetBalanceAsync(string address, System.Numerics.BigInteger wei) =>
        _web3.Client.SendRequestAsync<object>("anvil_setBalance", null, address, new HexBigInteger(wei).HexValue);

    /// <summary>Stops anvil.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static IEnumerable<string> Arguments(AnvilOptions options)
    {
        yield return "--host";
        yield return "127.0.0.1";
        yield return "--port";
        yield return options.Port.ToString(CultureInfo.InvariantCulture);
        yield return "--chain-id";
        yield return options.ChainId.ToString(CultureInfo.InvariantCulture);
        yield return "--accounts";
        yield return options.Accounts.ToString(CultureInfo.InvariantCulture);
        if (options.BlockTimeSeconds is { } seconds)
        {
            yield return "--block-time";
            yield return seconds.ToString(CultureInfo.InvariantCulture);
        }
        if (options.StatePath is { } state)
        {
            yield return "--state";
            yield return state;
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Listening on (\S+:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^\(\d+\)\s+(0x[0-9a-fA-F]{64})\s*$")]
    private static partial Regex KeyLine();
}
