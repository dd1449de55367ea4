using Wisp.Chain.Keys;
using Wisp.Chain.Votes;

namespace Wisp.Node.Obligations;

/// <summary>Opens a node's obligations ledger on a chain: its vote key from the data directory and a vote client of the registry.</summary>
public static class ChainObligations
{
    /// <summary>
    /// The ledger of the registry at <paramref name="registryAddress"/> on <paramref name="rpcUrl"/>, voting with the
    /// vote key in <paramref name="dataDirectory"/>; null when the node has no vote key (it was staked without one this
    /// node holds, so it cannot vote, and is still tested by others).
    /// </summary>
    public static async Task<IObligationLedger?> OpenAsync(string rpcUrl, string registryAddress, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = Path.Combine(dataDirectory, EthereumKeyFile.VoteFileName);
        if (!File.Exists(path))
            return null;
        var key = await EthereumKeyFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var client = await VoteClient.ConnectAsync(new Uri(rpcUrl), registryAddress, key, cancellationToken).ConfigureAwait(false);
        return new ChainObligationLedger(client, ObligationLimits.DeregisterAfterRounds);
    }
}
