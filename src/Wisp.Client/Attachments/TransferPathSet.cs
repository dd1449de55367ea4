using Wisp.Client.Paths;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Attachments;

/// <summary>
/// The onion paths one transfer's workers hold, so that parallel chunks go over different paths: a worker asks for a
/// path avoiding the relays the other workers hold and the nodes of paths that failed during this transfer (as far as
/// the pool allows; <see cref="OnionPaths"/> falls back to shared nodes when it must).
/// </summary>
internal sealed class TransferPathSet
{
    private readonly Lock _lock = new();
    private readonly List<OnionPath> _held = [];
    private readonly HashSet<Ed25519PublicKey> _failed = [];

    /// <summary>A path for one worker, or null when none can be built.</summary>
    public async Task<OnionPath?> TakeAsync(OnionPaths paths, CancellationToken cancellationToken)
    {
        HashSet<Ed25519PublicKey> avoid;
        lock (_lock)
            avoid = [.. _failed, .. _held.SelectMany(p => p.Nodes.Skip(1)).Select(n => n.Ed25519)];
        var path = await paths.GetPathAsync(destination: null, avoid, cancellationToken).ConfigureAwait(false);
        if (path is not null)
            lock (_lock)
                _held.Add(path);
        return path;
    }

    /// <summary>The worker let go of <paramref name="path"/>; when it <paramref name="failed"/>, its relays are avoided from now on.</summary>
    public void Release(OnionPath path, bool failed)
    {
        lock (_lock)
        {
            _held.Remove(path);
            if (failed)
                foreach (var node in path.Nodes.Skip(1))
                    _failed.Add(node.Ed25519);
        }
    }
}
