namespace Wisp.Node.Admission;

/// <summary>
/// The gate a storage RPC request passes before it runs when its answer may be large (<see cref="AnswerBound"/>):
/// first one of <see cref="Limits.MaxLargeAnswerBuilders"/> places is taken (waiting up to
/// <see cref="Limits.LargeAnswerBuilderWait"/>), then what its answer may take is reserved in the
/// <see cref="BodyBudget"/> (refused when the budget cannot hold it). Building a megabyte answer costs several times its size while it is
/// built (rows read, base64 text, the serializer's growing buffer, the final copy), so only a few are built at once;
/// a request whose answer is small passes without either. What a large answer leaves behind is garbage on the large
/// object heap, which the runtime collects only when it must; so once answers on that heap worth half the budget have
/// been built since the last collection (<see cref="Built"/>, counted by their real size, not by the reservation: a
/// retrieve reserves megabytes and usually answers kilobytes), the node starts a background collection, keeping that
/// garbage within about the budget too.
/// </summary>
public sealed class AnswerBuilders(BodyBudget budget, int places = Limits.MaxLargeAnswerBuilders)
{
    private readonly SemaphoreSlim _places = new(places, places);
    private long _builtSinceCollection;

    /// <summary>The budget the reservations are taken from.</summary>
    public BodyBudget Budget => budget;

    /// <summary>
    /// Admits <paramref name="body"/> (storage RPC <paramref name="method"/>) to be built: a pass to dispose once the
    /// answer is built (nothing held for a small answer), or null when the node is too busy (answer 503).
    /// </summary>
    public async Task<IDisposable?> EnterAsync(string method, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var bound = AnswerBound.Of(method, body);
        if (bound < Limits.LargeAnswerBytes) return Pass.Empty;
        // The place first, then the reservation: a request waiting for its turn holds no budget, so a queue of
        // retrieves (each reserving its worst case, megabytes) cannot fill the budget and have the rest refused.
        if (!await _places.WaitAsync(Limits.LargeAnswerBuilderWait, cancellationToken).ConfigureAwait(false))
            return null;
        var lease = budget.TryLease(bound);
        if (lease is null)
        {
            _places.Release();
            return null;
        }
        return new Pass(_places, lease);
    }

    /// <summary>Bytes of large answers built since the last collection this class started.</summary>
    internal long LargeBytesSinceCollection => Interlocked.Read(ref _builtSinceCollection);

    /// <summary>Counts an answer of <paramref name="answerBytes"/> just built (whether or not it needed a pass).</summary>
    public void Built(long answerBytes)
    {
        if (answerBytes < Limits.LargeObjectBytes) return;
        if (Interlocked.Add(ref _builtSinceCollection, answerBytes) < budget.Limit / 2) return;
        Interlocked.Exchange(ref _builtSinceCollection, 0);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
    }

    private sealed class Pass(SemaphoreSlim? places, BudgetLease? lease) : IDisposable
    {
        public static readonly Pass Empty = new(null, null);
        private int _disposed;

        public void Dispose()
        {
            if (places is null || Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lease!.Dispose();
            places.Release();
        }
    }
}
