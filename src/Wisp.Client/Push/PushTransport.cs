using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Client.Push;

/// <summary>What the push server answered (status and body), or why it could not be reached.</summary>
internal sealed record PushReplyBytes(int Status, ReadOnlyMemory<byte> Body, string? Unreached);

/// <summary>
/// Push server requests through 3-hop onion paths (v4, as the file and community servers are reached): the server sees a
/// relay's address, never the client's, so it cannot tie an account to a machine. A failed path is reported and the
/// request tried on another (up to <see cref="PushLimits.Attempts"/>).
/// </summary>
internal sealed class PushTransport(OnionPaths paths, OnionTransport transport)
{
    /// <summary>POSTs <paramref name="json"/> to <paramref name="endpoint"/> on <paramref name="server"/>.</summary>
    public async Task<PushReplyBytes> PostAsync(PushServer server, string endpoint, byte[] json, CancellationToken cancellationToken)
    {
        var request = new OnionV4Request("POST", endpoint, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, json);
        var avoid = new HashSet<Ed25519PublicKey>();
        var why = "no onion path could be built (is the network running?)";
        for (var attempt = 0; attempt < PushLimits.Attempts; attempt++)
        {
            var path = await paths.GetPathAsync(null, avoid, cancellationToken).ConfigureAwait(false);
            if (path is null)
                return new PushReplyBytes(0, default, why);
            using var onion = OnionRequestBuilder.ForServer(path.Nodes, server.ToOnionServer(), request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PushLimits.RequestTimeout);
            OnionSendResult sent;
            try
            {
                sent = await transport.SendAsync(path.Guard, onion, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                paths.ReportFailure(path, atGuard: false);
                why = $"the request through {path} took longer than {PushLimits.RequestTimeout.TotalSeconds:0} s";
                Avoid(avoid, path);
                continue;
            }
            if (sent.Answered && sent.Response!.Kind == OnionResponseKind.Reply)
            {
                paths.ReportSuccess(path);
                return new PushReplyBytes(sent.Response.Status, sent.Response.Body, null);
            }
            paths.ReportFailure(path, atGuard: sent.Failure == OnionSendFailure.GuardUnreachable);
            why = sent.Response is { } response
                ? $"the onion path could not reach the push server {server.Url}: {response}"
                : $"the onion path failed ({sent.Failure})";
            Avoid(avoid, path);
        }
        return new PushReplyBytes(0, default, why);
    }

    private static void Avoid(HashSet<Ed25519PublicKey> avoid, OnionPath path)
    {
        foreach (var node in path.Nodes.Skip(1)) // keep the guards: they are the client's long-lived choice
            avoid.Add(node.Ed25519);
    }
}
