using System.Net;

namespace Wisp.Dht.Transport;

/// <summary>
/// Routes received datagrams by their first byte to the handler registered for it; datagrams of at most one byte go
/// to the probe handler. A datagram nobody is registered for is counted and dropped.
/// </summary>
public sealed class DatagramDemux
{
    private readonly DatagramHandler?[] _handlers = new DatagramHandler?[256];
    private DatagramHandler? _probe;
    private long _dropped;

    /// <summary>Datagrams dropped because nothing was registered for them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Registers the handler of datagrams starting with <paramref name="firstByte"/>; disposing the result unregisters it.</summary>
    /// <exception cref="InvalidOperationException">Another handler holds that byte.</exception>
    public IDisposable Register(byte firstByte, DatagramHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _handlers[firstByte], handler, null) is not null)
            throw new InvalidOperationException($"A handler for datagrams starting with 0x{firstByte:X2} is already registered.");
        return new Registration(() => Interlocked.CompareExchange(ref _handlers[firstByte], null, handler));
    }

    /// <summary>Registers the handler of hole-punch probes (datagrams of at most one byte).</summary>
    /// <exception cref="InvalidOperationException">A probe handler is already registered.</exception>
    public IDisposable RegisterProbe(DatagramHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _probe, handler, null) is not null)
            throw new InvalidOperationException("A probe handler is already registered.");
        return new Registration(() => Interlocked.CompareExchange(ref _probe, null, handler));
    }

    /// <summary>Hands one received datagram to its handler. A handler that throws loses that datagram, never the loop.</summary>
    public void Dispatch(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        var handler = datagram.Length <= 1 ? Volatile.Read(ref _probe) : Volatile.Read(ref _handlers[datagram.Span[0]]);
        if (handler is null)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        try
        {
            handler(datagram, from);
        }
        catch (Exception)
        {
            // A peer's bytes must never stop the receive loop; the handler owns its own error reporting.
            Interlocked.Increment(ref _dropped);
        }
    }

    private sealed class Registration(Action undo) : IDisposable
    {
        private Action? _undo = undo;

        public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
    }
}
