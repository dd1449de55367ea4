using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Client.Communities;

/// <summary>
/// Community requests through 3-hop onion paths: the last node POSTs the v4 request to the server's
/// <c>/oxen/v4/lsrpc</c>, so the server sees a relay's address, never the client's. A path that fails is reported and
/// the request tried again on another path (up to <see cref="CommunityLimits.Attempts"/>).
/// </summary>
internal sealed class OnionCommunityTransport(OnionPaths paths, OnionTransport transport) : ICommunityTransport
{
    public async Task<CommunityReply> SendAsync(CommunityServer server, OnionV4Request request, CancellationToken cancellationToken)
    {
        var avoid = new HashSet<Ed25519PublicKey>();
        var why = "no onion path could be built (is the network running?)";
        for (var attempt = 0; attempt < CommunityLimits.Attempts; attempt++)
        {
            var path = await paths.GetPathAsync(null, avoid, cancellationToken).ConfigureAwait(false);
            if (path is null)
                return CommunityReply.Unreached(why);
            using var onion = OnionRequestBuilder.ForServer(path.Nodes, server.ToOnionServer(), request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommunityLimits.RequestTimeout);
            OnionSendResult sent;
            try
            {
                sent = await transport.SendAsync(path.Guard, onion, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                paths.ReportFailure(path, atGuard: false);
                why = $"the request through {path} took longer than {CommunityLimits.RequestTimeout.TotalSeconds:0} s";
                Avoid(avoid, path);
                continue;
            }
            if (sent.Answered && sent.Response!.Kind == OnionResponseKind.Reply)
            {
                paths.ReportSuccess(path);
                return new CommunityReply(sent.Response.Status, sent.Response.Body, null);
            }
            paths.ReportFailure(path, atGuard: sent.Failure == OnionSendFailure.GuardUnreachable);
            why = sent.Response is { } response
                ? $"the onion path could not reach {server.Base}: {response}"
                : $"the onion path failed ({sent.Failure})";
            Avoid(avoid, path);
        }
        return CommunityReply.Unreached(why);
    }

    private static void Avoid(HashSet<Ed25519PublicKey> avoid, OnionPath path)
    {
        foreach (var node in path.Nodes.Skip(1)) // keep the guards: they are the client's long-lived choice
            avoid.Add(node.Ed25519);
    }
}
