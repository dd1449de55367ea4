using System.Threading.Channels;

namespace Wisp.Push.Delivery;

/// <summary>Wakes the delivery loop when something was queued; pulses while it is awake collapse into one.</summary>
internal sealed class DeliverySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a pulse or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out _)) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: the caller looks at the queue again.
        }
    }
}
