using System.Text.Json;

namespace Wisp.Chain.Deploy;

/// <summary>
/// The compiled contracts (<c>contracts/artifacts/*.json</c>, built reproducibly from the Solidity beside them),
/// embedded in this assembly so a deployment needs no compiler.
/// </summary>
internal static class ContractArtifacts
{
    /// <summary>The creation bytecode (0x hex) of <paramref name="contractName"/>.</summary>
    /// <exception cref="ChainException">The artifact is not embedded (the contracts were not built into this binary).</exception>
    public static string Bytecode(string contractName)
    {
        var resource = typeof(ContractArtifacts).Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.EndsWith($".{contractName}.json", StringComparison.Ordinal))
            ?? throw new ChainException($"the compiled contract {contractName} is not built into this program");
        using var stream = typeof(ContractArtifacts).Assembly.GetManifestResourceStream(resource)!;
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("bytecode").GetString()
            ?? throw new ChainException($"the compiled contract {contractName} has no bytecode");
    }
}
