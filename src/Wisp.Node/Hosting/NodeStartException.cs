namespace Wisp.Node.Hosting;

/// <summary>The node cannot start; <see cref="Problems"/> says why, each in words that say what to change.</summary>
public sealed class NodeStartException(IReadOnlyList<string> problems)
    : Exception("The node cannot start: " + string.Join(" ", problems))
{
    /// <summary>Each reason the node cannot start.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
