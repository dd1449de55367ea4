using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Wisp.Network.Registry;

/// <summary>
/// The streams behind <see cref="INodeRegistry.WatchAsync"/>, for any registry: each starts with the current snapshot,
/// then gets every newer one (never an older one), and ends when the registry stops (<see cref="Complete"/>).
/// </summary>
public sealed class RegistryWatchers
{
    private readonly Lock _lock = new();
    private readonly List<Channel<RegistrySnapshot>> _channels = [];
    private bool _completed;

    /// <summary>A stream starting with <paramref name="current"/> (read under the same lock as <see cref="Publish"/>, so no update falls between).</summary>
    public async IAsyncEnumerable<RegistrySnapshot> WatchAsync(Func<RegistrySnapshot> current, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        // Capacity 1, drop oldest: a slow reader always gets the newest snapshot and never holds up the registry.
        var channel = Channel.CreateBounded<RegistrySnapshot>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            channel.Writer.TryWrite(current());
            if (_completed)
                channel.Writer.TryComplete();
            else
                _channels.Add(channel);
        }
        try
        {
            var lastVersion = -1L;
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (snapshot.Version <= lastVersion)
                    continue;
                lastVersion = snapshot.Version;
                yield return snapshot;
            }
        }
        finally
        {
            lock (_lock)
                _channels.Remove(channel);
        }
    }

    /// <summary>Hands <paramref name="snapshot"/> to every open stream.</summary>
    public void Publish(RegistrySnapshot snapshot)
    {
        lock (_lock)
        {
            foreach (var channel in _channels)
                channel.Writer.TryWrite(snapshot);
        }
    }

    /// <summary>Ends every stream, and those opened later at once after their first snapshot. Safe to call twice.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            foreach (var channel in _channels)
                channel.Writer.TryComplete();
            _channels.Clear();
        }
    }
}
