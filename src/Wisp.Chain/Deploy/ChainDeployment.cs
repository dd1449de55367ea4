using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Chain.Deploy;

/// <summary>
/// Where a Wisp registry lives on a chain: what nodes and clients need to follow it. Kept as <c>chain.json</c> in a
/// local network's folder (snake_case JSON).
/// </summary>
/// <param name="RpcUrl">The chain's JSON-RPC URL.</param>
/// <param name="ChainId">The chain id.</param>
/// <param name="RegistryAddress">The registry contract.</param>
/// <param name="TokenAddress">The stake token contract.</param>
/// <param name="DeployBlock">The block the registry was created in: followers start reading events there.</param>
public sealed record ChainDeployment(
    [property: JsonPropertyName("rpc_url")] string RpcUrl,
    [property: JsonPropertyName("chain_id")] long ChainId,
    [property: JsonPropertyName("registry_address")] string RegistryAddress,
    [property: JsonPropertyName("token_address")] string TokenAddress,
    [property: JsonPropertyName("deploy_block")] long DeployBlock)
{
    /// <summary>The file name in a network folder.</summary>
    public const string FileName = "chain.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes this deployment to <paramref name="path"/>.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);

    /// <summary>Reads a deployment from <paramref name="path"/>.</summary>
    /// <exception cref="ChainException">The file is missing or malformed.</exception>
    public static async Task<ChainDeployment> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new ChainException($"no chain deployment at {path}: this network does not run on a chain (start it with `wisp up --chain`)");
        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<ChainDeployment>(text, Json) is { RegistryAddress.Length: > 0, RpcUrl.Length: > 0 } deployment
                ? deployment
                : throw new ChainException($"{path} does not describe a chain deployment");
        }
        catch (JsonException e)
        {
            throw new ChainException($"{path} is not a valid chain deployment: {e.Message}", e);
        }
    }
}
