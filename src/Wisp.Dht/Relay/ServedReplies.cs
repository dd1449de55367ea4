using System.Net;

namespace Wisp.Dht.Relay;

/// <summary>
/// A server's recent answers to relayed requests, keyed by client address, tid and command: a client resends
/// until it hears back, and each resend must get the same answer without running the handler (a Noise step) again.
/// At most <see cref="Capacity"/> kept, the oldest dropped first.
/// </summary>
internal sealed class ServedReplies
{
    /// <summary>Answers kept (256): resends come within seconds, and a flood of new clients only evicts old answers.</summary>
    public const int Capacity = 256;

    private readonly Dictionary<(IPEndPoint, ushort, byte), Task<ReadOnlyMemory<byte>?>> _replies = [];
    private readonly Queue<(IPEndPoint, ushort, byte)> _order = new();

    /// <summary>The answer already being made for this request, or null when it is new (then <paramref name="start"/> makes it).</summary>
    public Task<ReadOnlyMemory<byte>?> GetOrStart(IPEndPoint client, ushort tid, byte command, Func<Task<ReadOnlyMemory<byte>?>> start, out bool started)
    {
        var key = (client, tid, command);
        lock (_replies)
        {
            if (_replies.TryGetValue(key, out var existing))
            {
                started = false;
                return existing;
            }
            if (_order.Count >= Capacity) _replies.Remove(_order.Dequeue());
            var task = start();
            _replies[key] = task;
            _order.Enqueue(key);
            started = true;
            return task;
        }
    }
}
