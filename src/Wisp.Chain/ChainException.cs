namespace Wisp.Chain;

/// <summary>
/// A chain operation could not be done, with a message a user can act on (no chain at the URL, no anvil installed,
/// not enough funds, the node is not staked, the contract refused and why).
/// </summary>
public sealed class ChainException : Exception
{
    /// <summary>A failure with a user-facing message.</summary>
    public ChainException(string message) : base(message)
    {
    }

    /// <summary>A failure with a user-facing message and the error underneath.</summary>
    public ChainException(string message, Exception inner) : base(message, inner)
    {
    }
}
