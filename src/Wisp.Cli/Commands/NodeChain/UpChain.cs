using Wisp.Chain;
using Wisp.Chain.Deploy;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.NodeChain;

/// <summary><c>wisp up</c>'s chain step: start the local chain with <c>--chain</c>, or clear a stale <c>chain.json</c> without it.</summary>
internal static class UpChain
{
    /// <summary>The running chain (null without <paramref name="onChain"/>), or why it could not start.</summary>
    public static async Task<(LocalChainNetwork? Chain, string? Problem)> StartAsync(
        bool onChain, LocalNetwork network, TextWriter progress, CancellationToken cancellationToken)
    {
        var chainFile = Path.Combine(network.Folder, ChainDeployment.FileName);
        if (!onChain)
        {
            File.Delete(chainFile);
            return (null, null);
        }
        try
        {
            progress.WriteLine("Starting a local chain (Anvil), deploying the registry and staking every node…");
            return (await LocalChainNetwork.StartAsync(network, progress, cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // ChainException carries a sentence for people; anything else from the chain client is named as it is.
            File.Delete(chainFile);
            return (null, $"--chain: {(e is ChainException ? e.Message : $"the local chain could not be set up ({e.GetType().Name}: {e.Message})")}");
        }
    }
}
