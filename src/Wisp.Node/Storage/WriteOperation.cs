namespace Wisp.Node.Storage;

/// <summary>
/// One change queued for the group-commit writer. The writer runs it inside the batch's transaction and completes
/// the caller's task only after COMMIT, so a caller never sees a result that a crash could take back.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>Runs the operation inside the open transaction (the writer wraps it in a savepoint).</summary>
    public abstract void Execute(WriteBatchContext context);

    /// <summary>Hands the result to the caller; called after COMMIT.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task (the operation or the whole batch's COMMIT failed).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Cancels the caller's task (the store shut down before the operation ran).</summary>
    public abstract void Cancel();
}

/// <summary>A <see cref="WriteOperation"/> with a result of type <typeparamref name="T"/>.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<T> _executed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    /// <summary>Completes after the operation's transaction has committed.</summary>
    public Task<T> Task => _completion.Task;

    /// <summary>
    /// Completes once the operation has run, before its transaction commits: its result may yet be lost. Only for
    /// queueing the next piece of a large write while this one commits; a caller's answer waits for <see cref="Task"/>.
    /// </summary>
    public Task<T> Executed => _executed.Task;

    public sealed override void Execute(WriteBatchContext context)
    {
        _result = Run(context);
        _executed.TrySetResult(_result);
    }

    public sealed override void Complete() => _completion.TrySetResult(_result!);

    public sealed override void Fail(Exception exception)
    {
        _executed.TrySetException(exception);
        _completion.TrySetException(exception);
    }

    public sealed override void Cancel()
    {
        _executed.TrySetCanceled();
        _completion.TrySetCanceled();
    }

    /// <summary>The operation's SQL; its result is held until COMMIT.</summary>
    protected abstract T Run(WriteBatchContext context);
}
