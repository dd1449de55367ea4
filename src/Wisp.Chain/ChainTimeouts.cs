namespace Wisp.Chain;

/// <summary>How long chain operations wait, each with its reason.</summary>
public static class ChainTimeouts
{
    /// <summary>Anvil printing its listening address after start: it starts in well under a second, but CI machines are loaded.</summary>
    public static readonly TimeSpan AnvilStart = TimeSpan.FromSeconds(30);

    /// <summary>A sent transaction's receipt: a local chain mines at once or within its block time; a public one within a few blocks.</summary>
    public static readonly TimeSpan Receipt = TimeSpan.FromMinutes(2);

    /// <summary>How often a receipt is asked for while waiting.</summary>
    public static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>How often <see cref="Registry.EvmRegistry"/> looks for new blocks by default: about a block time on most chains.</summary>
    public static readonly TimeSpan RegistryPoll = TimeSpan.FromSeconds(2);
}
