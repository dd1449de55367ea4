namespace Wisp.Files.Hosting;

/// <summary>The file server cannot start; <see cref="Problems"/> say why, in words for the operator.</summary>
public sealed class FileServerStartException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    /// <summary>Each reason.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
