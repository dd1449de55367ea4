using Wisp.Network.Registry;

namespace Wisp.Network.Tests.Support;

/// <summary>Builds registry histories in memory, one second apart.</summary>
internal static class LedgerBuilder
{
    public static RegistryLedger Joins(int count)
    {
        var ledger = new RegistryLedger();
        for (var i = 0; i < count; i++)
            Add(ledger, TestNodes.Join(i));
        return ledger;
    }

    public static RegistryVersion Add(RegistryLedger ledger, RegistryChange change)
    {
        var result = ledger.Append(change, TestNodes.Epoch.AddSeconds(ledger.Version));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
