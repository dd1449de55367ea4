using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Client.Attachments;

/// <summary>
/// The chunk routes through onion paths: each request a v4 request to the file server (<see cref="OnionServer"/>),
/// built fresh for its path. The worker keeps its path while it works; a failure counts against it and the next
/// request takes another path that avoids the failed one's nodes and the paths other workers hold.
/// </summary>
internal sealed class OnionChunkChannel(
    OnionServer server, OnionPaths paths, OnionTransport transport, TransferPathSet pathSet, Ed25519KeyPair uploader, Func<long> nowSeconds)
    : ChunkChannel(uploader, nowSeconds)
{
    private OnionPath? _path;

    public override string Name => _path?.ToString() ?? "no path yet";

    protected internal override async Task<ServerReply?> SendAsync(
        string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        _path ??= await pathSet.TakeAsync(paths, cancellationToken).ConfigureAwait(false);
        if (_path is null)
            return null;
        var request = new OnionV4Request(method, path, headers.ToDictionary(h => h.Key, h => h.Value), body);
        using var onion = OnionRequestBuilder.ForServer(_path.Nodes, server, request);
        var sent = await transport.SendAsync(_path.Guard, onion, cancellationToken).ConfigureAwait(false);
        if (sent.Answered && sent.Response!.Kind == OnionResponseKind.Reply)
        {
            paths.ReportSuccess(_path);
            return new ServerReply(sent.Response.Status, sent.Response.Body);
        }
        // The path failed (or a relay answered for the server): drop it; the next request takes another.
        paths.ReportFailure(_path, atGuard: sent.Failure == OnionSendFailure.GuardUnreachable);
        pathSet.Release(_path, failed: true);
        _path = null;
        return null;
    }

    public override void Dispose()
    {
        if (_path is not null)
            pathSet.Release(_path, failed: false);
        _path = null;
    }
}
