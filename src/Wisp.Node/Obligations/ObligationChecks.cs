using System.Text.Json;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Peers;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Obligations;

/// <summary>One quorum member's finding about one node in one round: passed, or the first failure.</summary>
public sealed record ObligationFinding(LedgerNode Node, bool Passed, string Reason);

/// <summary>
/// The tests a quorum member runs on a node: the peer tests (<see cref="PeerTestService.TestNodeAsync"/>: reachability,
/// and storage when the node is a swarm peer of this one), the version its <c>info</c> reports (at least
/// <see cref="MinimumVersion"/>), and the onion relay (its <c>/onion_req/v2</c> answers a frame it cannot open with a
/// refusal, not a failure or silence). A node the registry has no address for fails.
/// </summary>
public sealed class ObligationChecks(PeerTestService peerTests, PeerClient client, Func<RegistrySnapshot> registry)
{
    /// <summary>The oldest storage server version a node may report and stay in: the one this release speaks.</summary>
    public static ServerVersion MinimumVersion { get; } = ProtocolVersions.StorageServer;

    private static readonly byte[] InfoBody = InfoRequest.Value.ToBody();

    // Eight bytes that declare a longer frame than they carry: any relay refuses them with a 4xx without decrypting.
    private static readonly byte[] UnopenableFrame = [0xff, 0xff, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04];

    /// <summary>Tests <paramref name="node"/>; the first failure is the finding's reason.</summary>
    public async Task<ObligationFinding> TestAsync(LedgerNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (registry().FindNode(node.Key) is not { } record)
            return new ObligationFinding(node, false, "the registry has no address for it");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ObligationLimits.TestTimeout);
        try
        {
            var failure = await PeerTestsAsync(record, timeout.Token).ConfigureAwait(false)
                ?? await VersionAsync(record, timeout.Token).ConfigureAwait(false)
                ?? await OnionAsync(record, timeout.Token).ConfigureAwait(false);
            return new ObligationFinding(node, failure is null, failure ?? "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ObligationFinding(node, false, $"its tests took longer than {ObligationLimits.TestTimeout.TotalSeconds} s");
        }
    }

    private async Task<string?> PeerTestsAsync(NodeRecord record, CancellationToken cancellationToken)
    {
        var results = await peerTests.TestNodeAsync(record, cancellationToken).ConfigureAwait(false);
        return results.FirstOrDefault(r => !r.Passed) is { } failed ? $"{failed.Kind.ToString().ToLowerInvariant()}: {failed.Reason}" : null;
    }

    private async Task<string?> VersionAsync(NodeRecord record, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(record, "/storage_rpc/v1", InfoBody, ObligationLimits.TestTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Failure != UpstreamFailure.None || answer.Status != 200)
            return $"version: info failed ({(answer.Failure != UpstreamFailure.None ? answer.Failure.ToString().ToLowerInvariant() : answer.Status)})";
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            if (!InfoResponse.TryRead(json.RootElement, out var info))
                return "version: info answered an unreadable reply";
            return info.Version.CompareTo(MinimumVersion) < 0 ? $"version: runs {info.Version.Major}.{info.Version.Minor}.{info.Version.Patch}, below the minimum" : null;
        }
        catch (JsonException)
        {
            return "version: info answered something other than JSON";
        }
    }

    private async Task<string?> OnionAsync(NodeRecord record, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(record, NodeToNodeClient.Route, UnopenableFrame, ObligationLimits.TestTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (answer.Failure != UpstreamFailure.None)
            return $"onion relay: {answer.Failure.ToString().ToLowerInvariant()}";
        return answer.Status is >= 400 and < 500 ? null : $"onion relay answered {answer.Status} to a frame it cannot open";
    }
}
