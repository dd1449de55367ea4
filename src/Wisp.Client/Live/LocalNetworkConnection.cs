using System.Diagnostics.CodeAnalysis;
using Wisp.Chain.Deploy;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Client.Live;

/// <summary>
/// A connection to a network on this machine (the folder <c>wisp up</c> runs): its signed registry, followed as it
/// changes, and a swarm client whose guards are kept in the profile's <c>paths</c> directory. A network run on a chain
/// (<c>wisp up --chain</c>, which writes <c>chain.json</c>) is followed through its staked registry instead.
/// </summary>
internal sealed class LocalNetworkConnection : IDisposable
{
    private readonly INodeRegistry _registry;
    private readonly SwarmClient _client;

    private LocalNetworkConnection(INodeRegistry registry, SwarmClient client)
    {
        _registry = registry;
        _client = client;
        Swarm = new SwarmClientMessageSwarm(client);
    }

    /// <summary>The messaging calls over this network.</summary>
    public IMessageSwarm Swarm { get; }

    /// <summary>The registry followed and the swarm client's paths, for <see cref="Front.ClientNetwork"/>'s read-only view.</summary>
    public (INodeRegistry Registry, SwarmClient Client) Parts => (_registry, _client);

    /// <summary>Opens the network in <paramref name="folder"/>; false with a sentence that says what to do when there is none.</summary>
    public static bool TryOpen(
        string folder, string profileDirectory, TimeProvider time,
        [NotNullWhen(true)] out LocalNetworkConnection? connection, [NotNullWhen(false)] out string? error)
    {
        connection = null;
        if (!LocalNetwork.TryLoad(folder, out var network, out var problem))
        {
            error = $"{problem}. Is `wisp up` running? Start it in another terminal, or pass --network DIR.";
            return false;
        }
        INodeRegistry registry;
        var chainFile = Path.Combine(folder, ChainDeployment.FileName);
        if (File.Exists(chainFile))
        {
            if (ChainConnection.TryOpen(chainFile, time, out var chain, out error) is false)
                return false;
            registry = chain!;
        }
        else
        {
            var opened = FileRegistry.Open(new FileRegistryOptions { Path = network.RegistryPath, RegistryKey = network.RegistryKey }, time);
            if (opened.Value is not { } file)
            {
                error = $"the network's registry {network.RegistryPath} cannot be used: {opened.Error?.Message}";
                return false;
            }
            registry = file;
        }
        var client = SwarmClient.Create(registry, Path.Combine(profileDirectory, "paths"), time);
        connection = new LocalNetworkConnection(registry, client);
        error = null;
        return true;
    }

    public void Dispose()
    {
        _client.Dispose();
        (_registry as IDisposable)?.Dispose();
    }
}
