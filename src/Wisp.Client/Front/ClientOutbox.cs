using Wisp.Client.Conversations;
using Wisp.Client.Messaging;

namespace Wisp.Client.Front;

/// <summary>
/// Messages not yet stored in their recipient's swarm: pending ones (retried until their deadline, by this process or
/// any later one of the profile) and failed ones (with the reason), which <see cref="Retry"/> puts back.
/// </summary>
public sealed class ClientOutbox
{
    private readonly AccountData _data;
    private readonly Outbox _outbox;
    private readonly Func<long> _now;
    private readonly Func<bool> _running;

    internal ClientOutbox(AccountData data, Outbox outbox, Func<long> now, Func<bool> running) =>
        (_data, _outbox, _now, _running) = (data, outbox, now, running);

    /// <summary>Every pending and failed message, oldest first.</summary>
    public IReadOnlyList<MessageView> List() => _data.Outbox.Unsent();

    /// <summary>The message <paramref name="id"/> as it is now, or null.</summary>
    public MessageView? Find(string id) => _data.Messages.Find(id);

    /// <summary>
    /// Puts the failed message <paramref name="id"/> back in the outbox with a new 14-day deadline. False, with why,
    /// when there is no such failed message.
    /// </summary>
    public bool Retry(string id, out string? error)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = _now();
        if (_data.Outbox.Retry(id, now, now + (long)MessagingLimits.MessageTtl.TotalMilliseconds))
        {
            error = null;
            _outbox.Nudge();
            return true;
        }
        error = _data.Messages.Find(id) switch
        {
            null => $"there is no message '{id}'; `wisp outbox` lists the failed ones.",
            { Status: MessageStatus.Pending } => $"message '{id}' is still being sent; it needs no retry.",
            { Status: MessageStatus.Sent } => $"message '{id}' was sent already.",
            _ => $"message '{id}' cannot be retried.",
        };
        return false;
    }

    /// <summary>Puts every failed message back in the outbox; returns their ids.</summary>
    public IReadOnlyList<string> RetryAll()
    {
        var retried = _data.Outbox.Failed().Where(id => Retry(id, out _)).ToList();
        return retried;
    }

    /// <summary>Tries every pending message once, now (whatever backoff an earlier process left); returns how many were tried.</summary>
    public Task<int> FlushAsync(CancellationToken cancellationToken) => _outbox.FlushAsync(cancellationToken);

    /// <summary>
    /// Waits until nothing is pending (or, given <paramref name="id"/>, until that message is not) or
    /// <paramref name="patience"/> has passed; drives the outbox itself unless the client runs it in the background.
    /// Returns what is still pending or failed.
    /// </summary>
    public async Task<IReadOnlyList<MessageView>> DeliverAsync(
        TimeSpan patience, TimeProvider time, CancellationToken cancellationToken, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        bool Waiting() => id is null ? _data.Outbox.NextAttempt() is not null : _data.Messages.Find(id)?.Status == MessageStatus.Pending;
        if (_running())
        {
            _outbox.Nudge();
            while (Waiting() && time.GetElapsedTime(started) < patience)
                await Task.Delay(MessagingLimits.DeliveryCheck, time, cancellationToken).ConfigureAwait(false);
            return List();
        }
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (Waiting() && _data.Outbox.NextAttempt() is { } next)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Clamp(next - _now(), 0, (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds));
            if (time.GetElapsedTime(started) + wait > patience)
                break;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            await _outbox.SendDueAsync(cancellationToken).ConfigureAwait(false);
        }
        return List();
    }
}
