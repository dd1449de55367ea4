using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Devices;

/// <summary>The network half of device groups: fetching namespace 21 of the account's swarm and storing into it.</summary>
internal sealed class DeviceSync(DeviceGroupState state, DeviceGroupEngine engine, Func<SwarmClient?> network)
{
    /// <summary>Fetches what is new in namespace 21 and takes it in; the changes, or an error.</summary>
    public async Task<(List<DeviceChange> Changes, string? Error)> FetchAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var changes = new List<DeviceChange>();
        if (network() is not { } swarm)
            return (changes, "not connected to a network: start one with `wisp up`.");
        for (var round = 0; round < 64; round++) // bounded: 64 pages is far more than a group ever holds
        {
            var self = state.Self();
            var node = self.LastNode is { } hex ? Ed25519PublicKey.FromHex(hex) : null;
            var result = await swarm.RetrieveAsync(state.Account, DeviceGroupLimits.Namespace, self.LastHash, cancellationToken, node, wait: round == 0 ? wait : TimeSpan.Zero)
                .ConfigureAwait(false);
            if (!result.Ok)
                return (changes, result.Error!.Message);
            var page = result.Value!;
            foreach (var message in page.Messages)
                changes.Add(engine.Receive(message));
            if (page.LastHash is { } last)
            {
                state.Devices.Set("last_hash", last);
                state.Devices.Set("last_node", page.Node.Ed25519.ToHex());
            }
            if (!page.More)
                break;
        }
        state.Devices.Set("fetched", 1);
        return (changes, null);
    }

    /// <summary>Stores this device's group message when one is owed; null when nothing was owed or it was stored.</summary>
    public async Task<string?> PushIfNeededAsync(CancellationToken cancellationToken)
    {
        var self = state.Self();
        if (!self.Joined || !self.NeedsPush)
            return null;
        if (network() is not { } swarm)
            return "not connected to a network: start one with `wisp up`.";
        var message = engine.BuildMessage();
        var stored = await swarm.StoreAsync(
            state.Account.AccountId, DeviceGroupLimits.Namespace, message, DeviceGroupLimits.GroupMessageTtl, state.Account, cancellationToken).ConfigureAwait(false);
        if (!stored.Ok)
            return stored.Error!.Message;
        state.Devices.Set("needs_push", 0);
        return null;
    }

    /// <summary>Stores a link request (10-minute TTL); null when stored.</summary>
    public async Task<string?> StoreRequestAsync(byte[] message, CancellationToken cancellationToken)
    {
        if (network() is not { } swarm)
            return "not connected to a network: start one with `wisp up`.";
        var stored = await swarm.StoreAsync(
            state.Account.AccountId, DeviceGroupLimits.Namespace, message, DeviceGroupLimits.LinkRequestTtl, state.Account, cancellationToken).ConfigureAwait(false);
        return stored.Ok ? null : stored.Error!.Message;
    }
}
