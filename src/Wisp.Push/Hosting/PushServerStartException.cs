namespace Wisp.Push.Hosting;

/// <summary>The push server cannot start; <see cref="Problems"/> say why, in words for the operator.</summary>
public sealed class PushServerStartException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    /// <summary>Each reason.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
