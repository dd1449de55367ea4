using System.Diagnostics.CodeAnalysis;
using Wisp.Chain;
using Wisp.Chain.Deploy;
using Wisp.Chain.Registry;

namespace Wisp.Client.Live;

/// <summary>Opens the staked registry a local network on a chain runs on (its <c>chain.json</c>), as the nodes follow it.</summary>
internal static class ChainConnection
{
    /// <summary>The registry of <paramref name="chainFile"/>, read up to its newest confirmed block; false with a sentence when it cannot be read.</summary>
    public static bool TryOpen(string chainFile, TimeProvider time, [NotNullWhen(true)] out EvmRegistry? registry, [NotNullWhen(false)] out string? error)
    {
        try
        {
            // Opening a connection is synchronous for its callers; the first read of the chain runs on the pool so no
            // caller's synchronisation context is blocked.
            registry = Task.Run(async () =>
            {
                var deployment = await ChainDeployment.LoadAsync(chainFile);
                return await EvmRegistry.OpenAsync(EvmRegistryOptions.For(deployment), time);
            }).GetAwaiter().GetResult();
            error = null;
            return true;
        }
        catch (ChainException e)
        {
            registry = null;
            error = $"the network's chain registry ({chainFile}) cannot be read: {e.Message}. Is `wisp up --chain` running?";
            return false;
        }
    }
}
